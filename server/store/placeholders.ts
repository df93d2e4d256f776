/** SQL written once for both stores uses `?` placeholders (SQLite's); PostgreSQL's are numbered: `$1`, `$2`, … */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
