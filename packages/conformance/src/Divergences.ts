/**
 * The known differences between the fake and production WorkOS, as data. The live tier tolerates exactly these
 * (and counts them); any other difference fails it. `DIVERGENCES.md` at the repository root documents each entry
 * (a test keeps the two in step).
 *
 * @since 0.1.0
 */
import type * as Observation from "./Observation.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Divergence {
  /** `D1`, `D2`, … as in `DIVERGENCES.md`. */
  readonly id: string
  /** The operation, as the official SDK names it. */
  readonly operation: string
  /** The answer paths it concerns (`data[3].slug`), as a pattern over the observation's path. */
  readonly path: RegExp
  /** What the fake does. */
  readonly fake: string
  /** What production does. */
  readonly production: string
  /** How to see it. */
  readonly reproduce: string
}

/**
 * The divergences tolerated today. Each is a property of the environment's configuration (which roles, flags and
 * domain-verification prefix an environment has), not of the API's behaviour: the fake starts from documented
 * defaults, a real environment from whatever its dashboard says.
 *
 * @since 0.1.0
 * @category divergences
 */
export const known: ReadonlyArray<Divergence> = [
  {
    id: "D1",
    operation: "listOrganizationRoles",
    path: /^data/,
    fake: "the environment roles are `admin` and `member` (the fake's defaults) unless seeded otherwise",
    production: "the environment roles are the ones configured for the environment in the WorkOS dashboard",
    reproduce:
      "listOrganizationRoles on any organization of a live environment whose roles are not exactly admin, member"
  },
  {
    id: "D2",
    operation: "listOrganizationFeatureFlags",
    path: /^(data|listMetadata)/,
    fake: "no flag is enabled for an organization unless seeded or enabled through FakeWorkOS.setFeatureFlag",
    production: "the flags are the environment's, enabled per organization by its rules in the dashboard",
    reproduce: "listOrganizationFeatureFlags on a new organization of a live environment with flags enabled by default"
  },
  {
    id: "D3",
    operation: "*",
    path: /domains\[\d+\]\.verificationPrefix$/,
    fake: "pending domains get the verification prefix `workos-domain-verification-<random>`",
    production: "the prefix carries the environment's application name (`<app>-domain-verification-<random>`)",
    reproduce: "create an organization with a pending domain in a live environment and compare verification_prefix"
  }
]

/**
 * A tolerance function for `Lockstep.Settings.tolerate`: the id of the first listed divergence matching the
 * operation and the difference's path.
 *
 * @since 0.1.0
 * @category divergences
 */
export const tolerate =
  (divergences: ReadonlyArray<Divergence> = known) =>
  (operation: string, difference: Observation.Difference): string | undefined =>
    divergences.find((d) => (d.operation === "*" || d.operation === operation) && d.path.test(difference.path))?.id
