/**
 * The layout of every message catalogue (the core's and each flow's): English defines the keys as a `const`
 * object; the other three languages are `Messages<typeof en>`, so a key missing from any language is a type
 * error. A message is a string with `{name}` placeholders, or plural forms chosen by `{count}` with
 * `Intl.PluralRules` (CLDR plural categories: `one`, `other` … as the language has them).
 */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | PluralForms;

export type Messages<Source> = { readonly [K in keyof Source]: Source[K] extends string ? string : PluralForms };
