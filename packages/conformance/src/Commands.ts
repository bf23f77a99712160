/**
 * The command model of the lockstep suite: every call of the `Organizations`, `ApiKeys` and `OrganizationDomains`
 * operations (and the changes of DNS and time a test makes through the sides' control) as plain data (an
 * {@link Input}), and the fast-check arbitraries that generate them with the arguments that matter (colliding
 * external ids and domains, idempotent retries, cleared fields, deleted and never-existing ids, limits hit and
 * exceeded, cursors from earlier answers).
 *
 * Each kind of command is one module under `commands/` (its arbitrary, its description, its expectation on the
 * reference model and its checks); this module lists them. Commands name earlier objects by a number (`pick`) that
 * is resolved against the model when the command runs (modulo the number of candidates), because fast-check has no
 * symbolic variables. Values that must be unique to a run (names, external ids, domains) are *specs* rendered by a
 * {@link Namespace}, so the same commands run against an isolated emulator environment and against a shared real
 * WorkOS environment.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as fc from "effect/FastCheck"
import * as AdvanceClock from "./commands/AdvanceClock.js"
import * as AwaitVerification from "./commands/AwaitVerification.js"
import type { Command, Context, Exercised, Plan } from "./commands/Command.js"
import * as CreateOrganization from "./commands/CreateOrganization.js"
import * as CreateOrganizationApiKey from "./commands/CreateOrganizationApiKey.js"
import * as CreateOrganizationDomain from "./commands/CreateOrganizationDomain.js"
import * as DeleteApiKey from "./commands/DeleteApiKey.js"
import * as DeleteOrganization from "./commands/DeleteOrganization.js"
import * as DeleteOrganizationDomain from "./commands/DeleteOrganizationDomain.js"
import * as ExpireApiKey from "./commands/ExpireApiKey.js"
import * as GetOrganization from "./commands/GetOrganization.js"
import * as GetOrganizationByExternalId from "./commands/GetOrganizationByExternalId.js"
import * as GetOrganizationDomain from "./commands/GetOrganizationDomain.js"
import * as ListOrganizationApiKeys from "./commands/ListOrganizationApiKeys.js"
import * as ListOrganizationApiKeysPage from "./commands/ListOrganizationApiKeysPage.js"
import * as ListOrganizationFeatureFlagsPage from "./commands/ListOrganizationFeatureFlagsPage.js"
import * as ListOrganizationRoles from "./commands/ListOrganizationRoles.js"
import * as ListOrganizations from "./commands/ListOrganizations.js"
import * as ListOrganizationsPage from "./commands/ListOrganizationsPage.js"
import * as RetryCreateOrganization from "./commands/RetryCreateOrganization.js"
import * as RetryCreateOrganizationApiKey from "./commands/RetryCreateOrganizationApiKey.js"
import * as SetTxtRecord from "./commands/SetTxtRecord.js"
import * as UpdateOrganization from "./commands/UpdateOrganization.js"
import * as ValidateApiKey from "./commands/ValidateApiKey.js"
import * as VerifyOrganizationDomain from "./commands/VerifyOrganizationDomain.js"
import type { State } from "./model/State.js"

/**
 * @since 0.1.0
 */
export * from "./commands/Specs.js"

/**
 * One command: its kind (`_tag`) and its fields, as the kind's module declares them.
 *
 * @since 0.1.0
 * @category models
 */
export type Input = Data.TaggedEnum<{
  ListOrganizationsPage: ListOrganizationsPage.Fields
  ListOrganizations: ListOrganizations.Fields
  CreateOrganization: CreateOrganization.Fields
  RetryCreateOrganization: RetryCreateOrganization.Fields
  GetOrganization: GetOrganization.Fields
  GetOrganizationByExternalId: GetOrganizationByExternalId.Fields
  UpdateOrganization: UpdateOrganization.Fields
  DeleteOrganization: DeleteOrganization.Fields
  ListOrganizationRoles: ListOrganizationRoles.Fields
  ListOrganizationFeatureFlagsPage: ListOrganizationFeatureFlagsPage.Fields
  ListOrganizationApiKeysPage: ListOrganizationApiKeysPage.Fields
  ListOrganizationApiKeys: ListOrganizationApiKeys.Fields
  CreateOrganizationApiKey: CreateOrganizationApiKey.Fields
  RetryCreateOrganizationApiKey: RetryCreateOrganizationApiKey.Fields
  ValidateApiKey: ValidateApiKey.Fields
  ExpireApiKey: ExpireApiKey.Fields
  DeleteApiKey: DeleteApiKey.Fields
  CreateOrganizationDomain: CreateOrganizationDomain.Fields
  GetOrganizationDomain: GetOrganizationDomain.Fields
  VerifyOrganizationDomain: VerifyOrganizationDomain.Fields
  DeleteOrganizationDomain: DeleteOrganizationDomain.Fields
  AwaitVerification: AwaitVerification.Fields
  SetTxtRecord: SetTxtRecord.Fields
  AdvanceClock: AdvanceClock.Fields
}>

/**
 * The constructors and matchers of {@link Input}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const Input = Data.taggedEnum<Input>()

/**
 * A command with its input: what it exercises, how it reads, whether it can run, and its plan.
 *
 * @since 0.1.0
 * @category models
 */
export interface Bound {
  readonly operation: Exercised
  readonly description: string
  readonly ready: (state: State) => boolean
  readonly plan: (state: State, context: Context) => Plan
}

const bind = <F>(command: Command<F>, input: F): Bound => ({
  operation: command.operation,
  description: command.describe(input),
  ready: (state) => command.ready?.(state) ?? true,
  plan: (state, context) => command.plan(state, input, context)
})

/**
 * The command of an input (dispatch by tag).
 *
 * @since 0.1.0
 * @category commands
 */
export const commandOf: (input: Input) => Bound = Input.$match({
  ListOrganizationsPage: (input) => bind(ListOrganizationsPage.command, input),
  ListOrganizations: (input) => bind(ListOrganizations.command, input),
  CreateOrganization: (input) => bind(CreateOrganization.command, input),
  RetryCreateOrganization: (input) => bind(RetryCreateOrganization.command, input),
  GetOrganization: (input) => bind(GetOrganization.command, input),
  GetOrganizationByExternalId: (input) => bind(GetOrganizationByExternalId.command, input),
  UpdateOrganization: (input) => bind(UpdateOrganization.command, input),
  DeleteOrganization: (input) => bind(DeleteOrganization.command, input),
  ListOrganizationRoles: (input) => bind(ListOrganizationRoles.command, input),
  ListOrganizationFeatureFlagsPage: (input) => bind(ListOrganizationFeatureFlagsPage.command, input),
  ListOrganizationApiKeysPage: (input) => bind(ListOrganizationApiKeysPage.command, input),
  ListOrganizationApiKeys: (input) => bind(ListOrganizationApiKeys.command, input),
  CreateOrganizationApiKey: (input) => bind(CreateOrganizationApiKey.command, input),
  RetryCreateOrganizationApiKey: (input) => bind(RetryCreateOrganizationApiKey.command, input),
  ValidateApiKey: (input) => bind(ValidateApiKey.command, input),
  ExpireApiKey: (input) => bind(ExpireApiKey.command, input),
  DeleteApiKey: (input) => bind(DeleteApiKey.command, input),
  CreateOrganizationDomain: (input) => bind(CreateOrganizationDomain.command, input),
  GetOrganizationDomain: (input) => bind(GetOrganizationDomain.command, input),
  VerifyOrganizationDomain: (input) => bind(VerifyOrganizationDomain.command, input),
  DeleteOrganizationDomain: (input) => bind(DeleteOrganizationDomain.command, input),
  AwaitVerification: (input) => bind(AwaitVerification.command, input),
  SetTxtRecord: (input) => bind(SetTxtRecord.command, input),
  AdvanceClock: (input) => bind(AdvanceClock.command, input)
})

/**
 * The operation a command exercises.
 *
 * @since 0.1.0
 * @category models
 */
export const operationOf = (input: Input): Exercised => commandOf(input).operation

/**
 * A readable one-line rendering of a command, as shown in a failure's command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const describe = (input: Input): string => commandOf(input).description

const entry = <F, I>(command: Command<F>, make: (fields: F) => I) => ({
  operation: command.operation,
  weight: command.weight,
  arbitrary: command.arbitrary.map(make)
})

/**
 * The arbitrary of each kind of command, with its weight in the mix.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const inputs: ReadonlyArray<
  { readonly operation: Exercised; readonly weight: number; readonly arbitrary: fc.Arbitrary<Input> }
> = [
  entry(CreateOrganization.command, Input.CreateOrganization),
  entry(RetryCreateOrganization.command, Input.RetryCreateOrganization),
  entry(ListOrganizationsPage.command, Input.ListOrganizationsPage),
  entry(ListOrganizations.command, Input.ListOrganizations),
  entry(GetOrganization.command, Input.GetOrganization),
  entry(GetOrganizationByExternalId.command, Input.GetOrganizationByExternalId),
  entry(UpdateOrganization.command, Input.UpdateOrganization),
  entry(DeleteOrganization.command, Input.DeleteOrganization),
  entry(ListOrganizationRoles.command, Input.ListOrganizationRoles),
  entry(ListOrganizationFeatureFlagsPage.command, Input.ListOrganizationFeatureFlagsPage),
  entry(ListOrganizationApiKeysPage.command, Input.ListOrganizationApiKeysPage),
  entry(ListOrganizationApiKeys.command, Input.ListOrganizationApiKeys),
  entry(CreateOrganizationApiKey.command, Input.CreateOrganizationApiKey),
  entry(RetryCreateOrganizationApiKey.command, Input.RetryCreateOrganizationApiKey),
  entry(ValidateApiKey.command, Input.ValidateApiKey),
  entry(ExpireApiKey.command, Input.ExpireApiKey),
  entry(DeleteApiKey.command, Input.DeleteApiKey),
  entry(CreateOrganizationDomain.command, Input.CreateOrganizationDomain),
  entry(GetOrganizationDomain.command, Input.GetOrganizationDomain),
  entry(VerifyOrganizationDomain.command, Input.VerifyOrganizationDomain),
  entry(DeleteOrganizationDomain.command, Input.DeleteOrganizationDomain),
  entry(AwaitVerification.command, Input.AwaitVerification),
  entry(SetTxtRecord.command, Input.SetTxtRecord),
  entry(AdvanceClock.command, Input.AdvanceClock)
]

/**
 * One command of any kind, by weight.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const input: fc.Arbitrary<Input> = fc.oneof(...inputs)

/**
 * One command of the kinds whose exercised operation `only` accepts, by weight (with every kind accepted, the same
 * draws as {@link input}).
 *
 * @since 0.3.0
 * @category arbitraries
 */
export const inputOf = (only: (operation: Exercised) => boolean): fc.Arbitrary<Input> =>
  fc.oneof(...inputs.filter((entry) => only(entry.operation)))
