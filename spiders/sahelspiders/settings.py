"""Polite, bounded defaults for every sahelwatch crawl.

A source may loosen or tighten a few of these through its registry settings (delay, concurrency, timeout, ...);
sahelwatch.crawl.runner maps them onto the Scrapy settings below, and only those, as `-s` options.
"""

BOT_NAME = "sahelwatch"
SPIDER_MODULES = ["sahelspiders.spiders"]
NEWSPIDER_MODULE = "sahelspiders.spiders"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"  # BackoffRetryMiddleware awaits asyncio

# Polite: robots.txt, one request at a time per site, a delay that AutoThrottle stretches when the site is slow.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded: time, size (also after decompression: HttpCompressionMiddleware applies DOWNLOAD_MAXSIZE to the
# decompressed body, so a gzip bomb is cut off at 8 MiB), retries, redirects, items per listing.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DNS_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 2
# Scrapy's list without CannotResolveHostError: a name that does not resolve will not resolve a second later, and
# retrying it (robots.txt, feed, homepage, three times each) made an offline run crawl each source for 15 s.
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    OSError,  # raised by HttpCompressionMiddleware on an empty compressed response
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
SAHELWATCH_RETRY_BACKOFF = 2.0  # seconds before the first retry; doubled for each further one
SAHELWATCH_RETRY_BACKOFF_MAX = 60.0  # also caps a server's Retry-After
CLOSESPIDER_TIMEOUT = 900
REDIRECT_MAX_TIMES = 5
METAREFRESH_MAXDELAY = 10
SAHELWATCH_MAX_ITEMS = 200  # articles fetched per listing and crawl; the rest is counted as skipped/over_cap
SAHELWATCH_MAX_CHILD_SITEMAPS = 20
SAHELWATCH_MAX_API_PAGES = 10
# Article extraction runs in worker processes (sahelwatch.crawl.workers): with their forkserver, two cost about
# 150 MB RSS (80 MB PSS) per crawl. A page without an answer after the timeout is an error for that page alone.
SAHELWATCH_EXTRACT_WORKERS = 2
SAHELWATCH_EXTRACT_TIMEOUT = 60.0

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 would otherwise open a code-running HTTP endpoint
JOBDIR = None

DNS_RESOLVER = "sahelspiders.middlewares.GuardedResolver"
DOWNLOADER_MIDDLEWARES = {
    "sahelspiders.middlewares.AddressGuardMiddleware": 40,  # before OffsiteMiddleware (50) and robots.txt (100)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "sahelspiders.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "sahelspiders.pipelines.RunFilePipeline": 800,
}
LOG_LEVEL = "INFO"
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for every callback's output (100 by default, per response): our
# callbacks yield one article, or requests that only go to the scheduler, so one task does the same work.
CONCURRENT_ITEMS = 1
FEED_EXPORT_ENCODING = "utf-8"
