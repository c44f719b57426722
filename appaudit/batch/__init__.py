"""Batch auditing: many apps, one machine (a process per app) or a Dask cluster, results as Parquet tables.

- `inputs`  expands INPUTS (files, folders, lists of paths) and pairs apps with policies (--policy-map);
- `worker`  audits one app in its own process under a time and memory limit, and returns its report and rows;
- `rows`    turns a JSON report into the rows of the batch tables (data/batch_tables.toml);
- `store`   the batch directory: per-app reports and Parquet files written atomically, resume, DuckDB views;
- `engine`  schedules the apps on a local pool or a Dask cluster, the same task either way;
- `overview` the batch's HTML overview page.
"""
