/**
 * Building the two sides of a lockstep run: A, the in-memory fake; B, the live HTTP layer against the emulator.
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import * as Organizations from "@effect-workos/core/Organizations"
import type * as Emulator from "@effect-workos/emulator/Emulator"
import type * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as ApiKeysHttp from "@effect-workos/http/ApiKeysHttp"
import * as OrganizationDomainsHttp from "@effect-workos/http/OrganizationDomainsHttp"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { type Control, service } from "../../src/commands/Command.js"
import type * as Model from "../../src/Model.js"
import * as Control_ from "./control.js"

/** Two organizations present before the first command, on both sides, with the same ids. */
export const fixtures: FakeWorkOS.FixturesInput = {
  organizations: [
    {
      id: "org_01HGW2N7EHJVAKQ6N5V0Z4XK1A",
      name: "Acme Seeded",
      externalId: "ext-0",
      domains: [{ id: "org_domain_01HGW2N7EHJVAKQ6N5V0Z4XK1A", domain: "acme.test", state: "verified" }],
      metadata: { tier: "gold" }
    },
    {
      id: "org_01HGW2N7EHJVAKQ6N5V0Z4XK1B",
      name: "Globex Seeded",
      domains: [{
        id: "org_domain_01HGW2N7EHJVAKQ6N5V0Z4XK1B",
        domain: "globex.test",
        state: "pending",
        verificationToken: "tokentokentoken",
        verificationPrefix: "workos-domain-verification-abcdef"
      }]
    }
  ],
  organizationRoles: [{ organizationId: "org_01HGW2N7EHJVAKQ6N5V0Z4XK1A", slug: "billing", name: "Billing" }],
  featureFlags: [
    { id: "flag_01HGW2N7EHJVAKQ6N5V0Z4XK1A", slug: "beta", enabledFor: ["org_01HGW2N7EHJVAKQ6N5V0Z4XK1A"] },
    { id: "flag_01HGW2N7EHJVAKQ6N5V0Z4XK1B", slug: "gamma", enabledFor: ["org_01HGW2N7EHJVAKQ6N5V0Z4XK1A"] }
  ]
}

/** What the model knows about {@link fixtures}. */
export const seeded: ReadonlyArray<Model.Seeded> = [
  {
    id: "org_01HGW2N7EHJVAKQ6N5V0Z4XK1A",
    name: "Acme Seeded",
    externalId: "ext-0",
    domains: [{
      domain: "acme.test",
      state: "verified",
      ids: { a: "org_domain_01HGW2N7EHJVAKQ6N5V0Z4XK1A", b: "org_domain_01HGW2N7EHJVAKQ6N5V0Z4XK1A" },
      tokens: { a: null, b: null }
    }],
    metadata: { tier: "gold" }
  },
  {
    id: "org_01HGW2N7EHJVAKQ6N5V0Z4XK1B",
    name: "Globex Seeded",
    externalId: null,
    domains: [{
      domain: "globex.test",
      state: "pending",
      ids: { a: "org_domain_01HGW2N7EHJVAKQ6N5V0Z4XK1B", b: "org_domain_01HGW2N7EHJVAKQ6N5V0Z4XK1B" },
      tokens: { a: "tokentokentoken", b: "tokentokentoken" }
    }],
    metadata: {}
  }
]

/** The fake's DNS and clock, through `FakeWorkOS`: a record replaces the name's earlier ones. */
export const fakeControl = (fake: FakeWorkOS.Service): Control => ({
  setTxtRecord: (domain, value) =>
    Effect.zipRight(
      fake.removeDnsRecord({ domain }),
      value === null ? Effect.void : fake.setDnsRecord({ domain, value })
    ),
  advance: (millis) => Effect.orDie(fake.advanceClock(Duration.millis(millis)))
})

/** The emulator's DNS and clock for one API key's environment, through its control routes. */
export const emulatorControl = (address: { readonly baseUrl: string }, apiKey: string): Control => {
  const routes = Control_.control(address, apiKey)
  return {
    setTxtRecord: (domain, value) =>
      Effect.zipRight(
        routes.removeDnsRecord({ domain }),
        value === null ? Effect.void : routes.setDnsRecord({ domain, value })
      ).pipe(Effect.asVoid),
    advance: (millis) => Effect.asVoid(routes.advanceClock(millis))
  }
}

/** A: a fresh in-memory environment, controlled through its `FakeWorkOS`. */
export const memory = (options: OrganizationsMemory.MemoryOptions = {}) =>
  Effect.map(
    Effect.orDie(OrganizationsMemory.makeMemory(options)),
    (m) => service(m.organizations, m.apiKeys, m.organizationDomains, fakeControl(m.control))
  )

/**
 * B: the live layer (fetch client) against a base URL with an API key, controlled through the emulator's routes
 * when asked; built in the caller's scope.
 */
export const overHttp = (options: {
  readonly address: Emulator.Address | { readonly baseUrl: string }
  readonly apiKey: string
  readonly maxRetries?: number
  readonly rateLimit?: WorkOSClient.RateLimitOptions | false
  readonly timeout?: Duration.DurationInput
  /** Control the environment's DNS and clock through the emulator's control routes (not for a stand-in WorkOS). */
  readonly controlled?: boolean
}) =>
  Effect.map(
    Layer.build(
      Layer.mergeAll(OrganizationsHttp.layer, ApiKeysHttp.layer, OrganizationDomainsHttp.layer).pipe(
        Layer.provide(WorkOSClient.layer({
          apiKey: Redacted.make(options.apiKey),
          baseUrl: options.address.baseUrl,
          maxRetries: options.maxRetries ?? 0,
          rateLimit: options.rateLimit ?? false,
          ...(options.timeout === undefined ? {} : { timeout: options.timeout })
        })),
        Layer.provide(FetchHttpClient.layer)
      )
    ),
    (context) =>
      service(
        Context.get(context, Organizations.Organizations),
        Context.get(context, ApiKeys.ApiKeys),
        Context.get(context, OrganizationDomains.OrganizationDomains),
        options.controlled === true ? emulatorControl(options.address, options.apiKey) : undefined
      )
  )

/** What the model knows about the feature flags of {@link fixtures} (derived from them; each has its id). */
export const flags: ReadonlyArray<Model.SeededFlag> = (fixtures.featureFlags ?? []).flatMap((flag) =>
  flag.id === undefined ? [] : [{ id: flag.id, enabledFor: flag.enabledFor ?? [] }]
)
