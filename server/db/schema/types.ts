/** Column value types shared by the table definitions. */
export type Json = Record<string, unknown>;
/** Epoch milliseconds. */
export type Ms = number;
