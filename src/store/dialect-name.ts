/** The two SQL dialects tonearm's store speaks: SQLite (embedded default) and PostgreSQL. */
export type DialectName = "sqlite" | "postgres";
