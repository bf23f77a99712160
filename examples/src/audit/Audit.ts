/**
 * Audits the API keys of every organization: a Stream of all organizations, each expanded into its API keys with
 * bounded concurrency, filtered to the keys that were never used or are older than a threshold, collected into a
 * report. The live client's rate limiter paces the requests; the fake answers at once.
 *
 * @since 0.1.0
 */
import type { ApiKey } from "@effect-workos/core/ApiKey"
import type { Organization } from "@effect-workos/core/Organization"
import { Organizations } from "@effect-workos/core/Organizations"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** A key created more than this many days ago is reported. Default 90. */
  readonly olderThanDays?: number | undefined
  /** How many organizations' keys are fetched at once. Default 8. */
  readonly concurrency?: number | undefined
}

/**
 * Why a key is reported.
 *
 * @since 0.1.0
 * @category models
 */
export type Reason = "never used" | "old"

/**
 * @since 0.1.0
 * @category models
 */
export interface Finding {
  readonly organization: Pick<Organization, "id" | "name" | "externalId">
  readonly key: Pick<ApiKey, "id" | "name" | "obfuscatedValue" | "createdAt" | "lastUsedAt">
  /** Whole days since the key was created. */
  readonly ageDays: number
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly olderThanDays: number
  /** When the audit ran (epoch milliseconds, from `Clock`). */
  readonly at: number
  readonly organizations: number
  readonly keys: number
  /** Oldest key first. */
  readonly findings: ReadonlyArray<Finding>
}

/**
 * What the audit can fail with: listing organizations or keys failed after the client's retries.
 *
 * @since 0.1.0
 * @category errors
 */
export type AuditError = WorkOSError.WorkOSError

const DAY = 24 * 60 * 60 * 1000

/**
 * Why `key` is worth a look at time `now`, if at all.
 *
 * @since 0.1.0
 * @category auditing
 */
export const reasons = (key: ApiKey, now: number, olderThanDays: number): ReadonlyArray<Reason> => {
  const out: Array<Reason> = []
  if (key.lastUsedAt === null) out.push("never used")
  if (now - Date.parse(key.createdAt) > olderThanDays * DAY) out.push("old")
  return out
}

/**
 * Every organization paired with its API keys, `concurrency` organizations at a time, in listing order. An
 * organization deleted between the two requests counts as having no keys.
 *
 * @since 0.1.0
 * @category auditing
 */
export const keysByOrganization = (
  concurrency: number
): Stream.Stream<readonly [Organization, ReadonlyArray<ApiKey>], AuditError, Organizations> =>
  Stream.unwrap(Effect.map(Organizations, (organizations) =>
    organizations.listOrganizations().pipe(
      Stream.mapEffect(
        (organization) =>
          organizations.listOrganizationApiKeys({ organizationId: organization.id }).pipe(
            Stream.runCollect,
            Effect.map((keys) => [organization, Array.from(keys)] as const),
            Effect.catchTag("NotFound", () => Effect.succeed([organization, []] as const))
          ),
        { concurrency }
      )
    )))

/**
 * Runs the audit.
 *
 * @since 0.1.0
 * @category auditing
 */
export const run = (options: Options = {}): Effect.Effect<Report, AuditError, Organizations> =>
  Effect.gen(function*() {
    const olderThanDays = options.olderThanDays ?? 90
    const at = yield* Clock.currentTimeMillis
    const totals = { organizations: 0, keys: 0 }
    const findings = yield* keysByOrganization(options.concurrency ?? 8).pipe(
      Stream.tap(([, keys]) =>
        Effect.sync(() => {
          totals.organizations++
          totals.keys += keys.length
        })
      ),
      Stream.flatMap(([organization, keys]) =>
        Stream.fromIterable(keys.flatMap((key): Array<Finding> => {
          const why = reasons(key, at, olderThanDays)
          return why.length === 0 ? [] : [{
            organization: { id: organization.id, name: organization.name, externalId: organization.externalId },
            key: {
              id: key.id,
              name: key.name,
              obfuscatedValue: key.obfuscatedValue,
              createdAt: key.createdAt,
              lastUsedAt: key.lastUsedAt
            },
            ageDays: Math.floor((at - Date.parse(key.createdAt)) / DAY),
            reasons: why
          }]
        }))
      ),
      Stream.runCollect
    )
    return {
      olderThanDays,
      at,
      ...totals,
      findings: Array.from(findings).sort((a, b) => b.ageDays - a.ageDays || a.key.id.localeCompare(b.key.id))
    }
  }).pipe(Effect.withSpan("audit.run"))

/**
 * The report as text.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (report: Report): string => {
  const lines = [
    `Audited ${report.keys} API keys in ${report.organizations} organizations: ` +
    `${report.findings.length} need attention (never used, or created more than ${report.olderThanDays} days ago).`
  ]
  if (report.findings.length > 0) {
    const rows = report.findings.map((f) => [
      f.organization.externalId ?? f.organization.id,
      f.organization.name,
      f.key.name,
      f.key.obfuscatedValue,
      `${f.ageDays}d`,
      f.key.lastUsedAt === null ? "never" : f.key.lastUsedAt.slice(0, 10),
      f.reasons.map((r) => (r === "old" ? `older than ${report.olderThanDays} days` : r)).join(", ")
    ])
    const header = ["organization", "name", "key", "value", "age", "last used", "why"]
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const format = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()
    lines.push("", format(header), format(widths.map((w) => "─".repeat(w))), ...rows.map(format))
  }
  return lines.join("\n")
}
