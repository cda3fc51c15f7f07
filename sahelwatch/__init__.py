"""sahelwatch: conflict-incident monitoring for the Sahel, from news feeds to a PostgreSQL warehouse."""

__version__ = "0.1.0"
