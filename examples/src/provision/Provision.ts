/**
 * Upserts one WorkOS organization per customer, keyed by `externalId`: looks the customer up, updates what differs,
 * or creates it with an idempotency key derived from the customer. Running it twice changes nothing the second
 * time. Depends only on the `Organizations` service, so the live client, the in-memory fake and a test double all
 * run it unchanged.
 *
 * @since 0.1.0
 */
import type { Organization } from "@effect-workos/core/Organization"
import { Organizations } from "@effect-workos/core/Organizations"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Customers from "./Customers.js"

/**
 * What happened to one customer.
 *
 * @since 0.1.0
 * @category models
 */
export type Outcome = Data.TaggedEnum<{
  Created: { readonly customer: Customers.Customer; readonly organization: Organization }
  Updated: {
    readonly customer: Customers.Customer
    readonly organization: Organization
    readonly changed: ReadonlyArray<Field>
  }
  Unchanged: { readonly customer: Customers.Customer; readonly organization: Organization }
  Failed: { readonly customer: Customers.Customer; readonly error: WorkOSError.WorkOSError }
}>

/**
 * @since 0.1.0
 * @category constructors
 */
export const Outcome = Data.taggedEnum<Outcome>()

/**
 * The fields provisioning owns.
 *
 * @since 0.1.0
 * @category models
 */
export type Field = "name" | "domains" | "metadata"

/**
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  /** One outcome per customer, in file order. */
  readonly outcomes: ReadonlyArray<Outcome>
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  readonly failed: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** How many customers are worked on at once. Default 8. */
  readonly concurrency?: number | undefined
  /**
   * When to retry a call that failed with `RateLimited`, `ServerError` or `RequestFailed` (a create is retried with
   * the same idempotency key, so a create whose answer was lost is not made twice). A `Retry-After` longer than the
   * schedule's delay wins. Default: exponential from 200 ms, jittered, at most 4 retries.
   */
  readonly retry?: Schedule.Schedule<unknown, WorkOSError.WorkOSError> | undefined
  /** Called after each customer, e.g. to draw a progress bar. */
  readonly onProgress?: ((done: number, total: number, outcome: Outcome) => Effect.Effect<void>) | undefined
}

/**
 * The default retry policy (see {@link Options.retry}).
 *
 * @since 0.1.0
 * @category retry
 */
export const defaultRetry: Schedule.Schedule<unknown, WorkOSError.WorkOSError> = Schedule.exponential("200 millis")
  .pipe(
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(4))
  )

/**
 * The errors worth retrying: the request may not have reached WorkOS, or WorkOS asked us to slow down.
 *
 * @since 0.1.0
 * @category retry
 */
export const isRetryable = (error: WorkOSError.WorkOSError): boolean =>
  error._tag === "RateLimited" || error._tag === "ServerError" || error._tag === "RequestFailed"

const withRetry = (schedule: Schedule.Schedule<unknown, WorkOSError.WorkOSError>) => {
  const policy = Schedule.intersect(Schedule.identity<WorkOSError.WorkOSError>(), schedule).pipe(
    Schedule.whileInput(isRetryable),
    Schedule.modifyDelay(([error], delay) =>
      error._tag === "RateLimited" && error.retryAfter !== undefined ? Duration.max(delay, error.retryAfter) : delay
    )
  )
  return <A, E extends WorkOSError.WorkOSError, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.retry(effect, policy)
}

const sameMetadata = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k])
}

/**
 * The fields where the organization differs from the customer. Domains compare by name (case-insensitive); a domain
 * the customer marks `verified` must be verified on the organization, while one marked `pending` may have been
 * verified since, which is not a difference.
 *
 * @since 0.1.0
 * @category diffing
 */
export const diff = (customer: Customers.Customer, organization: Organization): ReadonlyArray<Field> => {
  const changed: Array<Field> = []
  if (organization.name !== customer.name) changed.push("name")
  const actual = new Map(organization.domains.map((d) => [d.domain.toLowerCase(), d.state]))
  const domainsDiffer = actual.size !== customer.domains.length ||
    customer.domains.some(({ domain, state }) => {
      const current = actual.get(domain.toLowerCase())
      return current === undefined || (state === "verified" && current !== "verified" && current !== "legacy_verified")
    })
  if (domainsDiffer) changed.push("domains")
  if (!sameMetadata(organization.metadata, customer.metadata)) changed.push("metadata")
  return changed
}

/**
 * Brings one customer's organization up to date. Never fails: a WorkOS error becomes a `Failed` outcome.
 *
 * @since 0.1.0
 * @category provisioning
 */
export const upsert = (
  customer: Customers.Customer,
  options: Pick<Options, "retry"> = {}
): Effect.Effect<Outcome, never, Organizations> =>
  Effect.gen(function*() {
    const organizations = yield* Organizations
    const retry = withRetry(options.retry ?? defaultRetry)
    const existing = yield* retry(organizations.getOrganizationByExternalId(customer.externalId)).pipe(
      Effect.asSome,
      Effect.catchTag("NotFound", () => Effect.succeedNone)
    )
    if (existing._tag === "None") {
      const organization = yield* retry(
        organizations.createOrganization(Customers.toCreateOptions(customer), {
          idempotencyKey: Customers.idempotencyKey(customer)
        })
      )
      return Outcome.Created({ customer, organization })
    }
    const changed = diff(customer, existing.value)
    if (changed.length === 0) return Outcome.Unchanged({ customer, organization: existing.value })
    const organization = yield* retry(organizations.updateOrganization({
      organization: existing.value.id,
      ...(changed.includes("name") ? { name: customer.name } : {}),
      ...(changed.includes("domains") ? { domainData: customer.domains } : {}),
      ...(changed.includes("metadata") ? { metadata: customer.metadata } : {})
    }))
    return Outcome.Updated({ customer, organization, changed })
  }).pipe(
    Effect.catchAll((error) => Effect.succeed(Outcome.Failed({ customer, error }))),
    Effect.withSpan("provision.upsert", { attributes: { "customer.external_id": customer.externalId } })
  )

/**
 * Upserts every customer, `concurrency` at a time, and tallies the outcomes. Validate the file first
 * ({@link Customers.load}): this function assumes well-formed customers.
 *
 * @since 0.1.0
 * @category provisioning
 */
export const run = (
  customers: ReadonlyArray<Customers.Customer>,
  options: Options = {}
): Effect.Effect<Summary, never, Organizations> =>
  Effect.gen(function*() {
    let done = 0
    const outcomes = yield* Effect.forEach(
      customers,
      (customer) =>
        Effect.tap(upsert(customer, options), (outcome) => {
          done++
          return options.onProgress === undefined ? Effect.void : options.onProgress(done, customers.length, outcome)
        }),
      { concurrency: options.concurrency ?? 8 }
    )
    const count = (tag: Outcome["_tag"]) => outcomes.filter((o) => o._tag === tag).length
    return {
      outcomes,
      created: count("Created"),
      updated: count("Updated"),
      unchanged: count("Unchanged"),
      failed: count("Failed")
    }
  }).pipe(Effect.withSpan("provision.run", { attributes: { "customers.count": customers.length } }))

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) =>
    "│ " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" │ ") + " │"
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => "─".repeat(w + 2)).join(m) + r
  return [rule("┌", "┬", "┐"), line(header), rule("├", "┼", "┤"), ...rows.map(line), rule("└", "┴", "┘")].join("\n")
}

/**
 * The summary as text: a table of counts, then the updated customers with what changed and the failed ones with
 * the reason.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (summary: Summary): string => {
  const lines = [
    table(["outcome", "organizations"], [
      ["created", String(summary.created)],
      ["updated", String(summary.updated)],
      ["unchanged", String(summary.unchanged)],
      ["failed", String(summary.failed)],
      ["total", String(summary.outcomes.length)]
    ])
  ]
  const updated = summary.outcomes.filter((o) => o._tag === "Updated")
  if (updated.length > 0) {
    lines.push("", "Updated:")
    for (const o of updated) {
      lines.push(`  ${o.customer.externalId}  ${o.organization.id}  ${o.customer.name}: ${o.changed.join(", ")}`)
    }
  }
  const failed = summary.outcomes.filter((o) => o._tag === "Failed")
  if (failed.length > 0) {
    lines.push("", "Failed:")
    for (const o of failed) {
      lines.push(`  ${o.customer.externalId}  ${o.customer.name}: ${o.error._tag}: ${o.error.message}`)
    }
  }
  return lines.join("\n")
}
