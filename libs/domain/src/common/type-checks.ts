/** Compile-time assertions: `type _x = Assert<...>` fails to compile when the check is false. */
export type Assert<T extends true> = T;

/** True when a runtime list names every member of a union (so a new member cannot be forgotten). */
export type CoversAll<Union, Listed> = [Exclude<Union, Listed>] extends [never] ? true : false;
