/** What node:sqlite returns for a row, and SQL NULL read as an absent value, for the tables' row mappers. */
import type { SQLInputValue } from "node:sqlite";

export type Row = Record<string, SQLInputValue>;

export const opt = <T>(value: unknown): T | undefined => (value === null || value === undefined ? undefined : (value as T));
