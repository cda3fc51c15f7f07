-- Layers of the warehouse: raw (as crawled) -> staging (cleaned, deduplicated, extracted) -> marts (for analysts).
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists marts;
