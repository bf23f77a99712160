/**
 * Span capture for the live layer's tests.
 */
import { Effect, Layer, Tracer } from "effect"

/**
 * A tracer that delegates to the current one and keeps every span it starts, in order, in `spans`; `layer`
 * installs it.
 */
export const recordSpans = Effect.gen(function*() {
  const spans: Array<Tracer.Span> = []
  const native = yield* Effect.tracer
  const tracer = Tracer.make({
    span: (...args) => {
      const span = native.span(...args)
      spans.push(span)
      return span
    },
    context: (f, fiber) => native.context(f, fiber)
  })
  return { spans, layer: Layer.setTracer(tracer) }
})
