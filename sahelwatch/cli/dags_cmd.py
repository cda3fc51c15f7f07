"""`sahelwatch dags install DIR`: put sahelwatch's DAG files into the dags folder of any Airflow.

`sahelwatch run` and `ui` point their own Airflow at the DAG files where they are (sahelwatch.resources.DAGS_DIR);
an Airflow installed elsewhere (a Docker image, a shared scheduler) reads one dags folder of its own, so the files are
copied there. They hold only wiring and import the sahelwatch installed in Airflow's Python when a task runs: after an
upgrade of the package, install them again."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

DAG_PATTERN = "sahelwatch_*.py"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "dags",
        help="install the DAG files into an Airflow dags folder",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="dags_command", required=True)
    install = sub.add_parser(
        "install",
        help="copy the DAG files into DIR (created if missing; files of the same name are replaced)",
        description="Copy sahelwatch's DAG files into DIR, the dags folder of your Airflow (`airflow config "
        "get-value core dags_folder` prints it). Existing files of the same name are replaced.",
    )
    install.add_argument("dir", type=Path, metavar="DIR", help="the Airflow dags folder")
    install.set_defaults(handler=install_command)


def install_dags(target: Path) -> list[Path]:
    """Copy every DAG file into target and return the copies; fails before writing when there is nothing to copy."""
    from sahelwatch.cli.common import USAGE, CommandError
    from sahelwatch.resources import DAGS_DIR

    sources = sorted(DAGS_DIR.glob(DAG_PATTERN))
    if not sources:
        raise CommandError(
            f"no DAG files found in {DAGS_DIR} (looked for {DAG_PATTERN}); this sahelwatch install "
            "is incomplete: reinstall it (pip install --force-reinstall sahelwatch-*.whl)",
            USAGE,
        )
    if target.exists() and not target.is_dir():
        raise CommandError(
            f"{target} is not a folder; give Airflow's dags folder (`airflow config get-value core "
            "dags_folder` prints it)",
            USAGE,
        )
    target.mkdir(parents=True, exist_ok=True)
    if target.resolve() == DAGS_DIR.resolve():  # Airflow already reads them there
        return sources
    return [Path(shutil.copyfile(source, target / source.name)) for source in sources]


def install_command(args: argparse.Namespace) -> int:
    copies = install_dags(args.dir)
    for copy in copies:
        print(copy)
    print(f"{len(copies)} DAG file(s) installed; Airflow's dag processor picks them up at its next scan")
    return 0
