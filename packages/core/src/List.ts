/**
 * The paginated list envelope: `{"object":"list","data":[…],"list_metadata":{"before":…,"after":…}}`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Cursors are plain object ids. `before` is `null` at the start of the list, `after` is `null` at its end.
 * The official SDK's fixtures sometimes send `{}`; missing keys decode to `null`, and encoding always emits both.
 *
 * @since 0.1.0
 * @category schemas
 */
export class ListMetadata extends Schema.Class<ListMetadata>("@effect-workos/core/ListMetadata")({
  before: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  after: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
}) {}

/**
 * One page of a list.
 *
 * @since 0.1.0
 * @category models
 */
export interface List<A> {
  readonly object: "list"
  readonly data: ReadonlyArray<A>
  readonly listMetadata: ListMetadata
}

/**
 * The list envelope schema for items of schema `item`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const List = <A, I, R>(
  item: Schema.Schema<A, I, R>
): Schema.Schema<
  List<A>,
  {
    readonly object: "list"
    readonly data: ReadonlyArray<I>
    readonly list_metadata: typeof ListMetadata.Encoded
  },
  R
> =>
  Schema.Struct({
    object: Schema.tag("list"),
    data: Schema.Array(item),
    listMetadata: Schema.propertySignature(ListMetadata).pipe(Schema.fromKey("list_metadata"))
  })

/**
 * Builds a page value (for fakes and tests).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(
  data: ReadonlyArray<A>,
  cursors: { readonly before: string | null; readonly after: string | null }
): List<A> => ({ object: "list", data, listMetadata: new ListMetadata(cursors) })
