"""The sahelwatch Scrapy project: spiders write run files; they never touch the warehouse."""
