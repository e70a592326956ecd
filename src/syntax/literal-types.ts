/**
 * Types that turn literal nonsense into compile errors. Each maps a bad literal to a string type that reads as
 * the error: `Type '-1' is not assignable to type '"must be a whole number >= 0"'`. Values that are not
 * literals (`number`, `string`) pass, and the constructs check them at synth.
 */

/** A number literal that is a whole number ≥ 0, or `number`. */
export type NonNegativeInteger<N extends number> = number extends N
  ? N
  : `${N}` extends `-${string}` | `${string}.${string}` | `${string}e-${string}`
    ? 'must be a whole number >= 0'
    : N;

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type IsDigits<S extends string> = S extends `${Digit}${infer Rest}` ? (Rest extends '' ? true : IsDigits<Rest>) : false;

/** What an IntOrString field such as `maxUnavailable` may hold: a whole number, or digits and `%`. */
export type IntOrPercent = number | `${string}%`;

/** A literal that is a whole number ≥ 0 or a percent string like `'10%'` (digits only), or `number`/`string`. */
export type ValidIntOrPercent<V extends IntOrPercent> = V extends number
  ? NonNegativeInteger<V>
  : string extends V
    ? V
    : V extends `${infer D}%`
      ? string extends D ? V // computed (`${string}%`): checked at synth
        : `${number}` extends D ? V // computed (`${number}%`): checked at synth
          : IsDigits<D> extends true ? V : "must be a whole number >= 0 or a percent like '10%'"
      : "must be a whole number >= 0 or a percent like '10%'";

/**
 * `unknown` when `V` is acceptable for the IntOrString field `Field`; otherwise a required property whose name
 * is the error, so the compiler says e.g. `Property 'error: maxUnavailable must be …' is missing`.
 * Use it beside a naked type parameter (`{ maxUnavailable?: V } & IntOrPercentCheck<V, 'maxUnavailable'>`) so
 * that computed unions such as `number | \`${number}%\`` still infer.
 */
export type IntOrPercentCheck<V extends IntOrPercent, Field extends string> =
  false extends (V extends IntOrPercent ? ([ValidIntOrPercent<V>] extends [V] ? true : false) : never)
    ? { readonly [K in `error: ${Field} must be a whole number >= 0 or a percent like '10%'`]: never }
    : unknown;

/** The literals that the API server counts as zero for an IntOrString field. */
export type ZeroIntOrPercent = 0 | '0%' | '00%';
