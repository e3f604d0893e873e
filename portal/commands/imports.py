"""`flask --app wsgi import exposures FILE.csv` and `import phase-out FILE.csv`."""

from pathlib import Path

import click
from flask.cli import AppGroup

from ..clock import today_local
from ..services.common.audit import Actor
from ..services.registers.csv_import import ImportFailed, import_records

import_cli = AppGroup("import", help="批量导入曝光台和淘汰落后产能名单（CSV，UTF-8）")
COMMAND_LINE = Actor(user_id=None, name="命令行导入")


def _run(kind: str, path: Path, check_only: bool) -> None:
    try:
        result = import_records(
            kind, path.read_bytes(), COMMAND_LINE, today_local(),
            filename=path.name, check_only=check_only,
        )  # fmt: skip
    except ImportFailed as failure:
        for message in failure.errors:
            click.echo(message, err=True)
        raise click.ClickException("导入失败，未写入任何记录。") from None
    verb = "检查通过，可导入" if check_only else "已导入"
    click.echo(f"{verb} {result.records} 条记录，新登记企业 {result.enterprises_created} 家。")


@import_cli.command("exposures")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="只检查，不写入。")
def import_exposures(csv_file: Path, check_only: bool) -> None:
    """导入曝光记录（列说明见 docs/registers-import.md）。"""
    _run("exposures", csv_file, check_only)


@import_cli.command("phase-out")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="只检查，不写入。")
def import_phase_out(csv_file: Path, check_only: bool) -> None:
    """导入淘汰落后产能项目（列说明见 docs/registers-import.md）。"""
    _run("phase-out", csv_file, check_only)
