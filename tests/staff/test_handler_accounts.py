"""Handler accounts (承办单位): a staff account bound to one department, created from the CLI,
signing in under the same rules as every account, and kept out of the moderators' pages."""

import pytest

from portal.models import StaffRole
from portal.services.accounts import users as accounts
from tests.support.staff import PASSWORD, SETUP, create_staff

DEPARTMENT = "environmental-protection"


def _create(runner, *extra: str):
    return runner.invoke(
        args=["users", "create", "--username", "env1", "--password-stdin", *extra],
        input=PASSWORD + "\n",
    )


def test_the_cli_creates_a_handler_bound_to_its_department(runner, db, content):
    created = _create(runner, "--role", "handler", "--department", DEPARTMENT)
    assert created.exit_code == 0, created.output
    user = accounts.find_user("env1")
    assert user.roles == {StaffRole.HANDLER}
    assert user.department.code == DEPARTMENT


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--role", "handler"], "必须指定所属单位"),
        (["--role", "handler", "--department", "no-such-bureau"], "没有代码为 no-such-bureau"),
        (["--role", "moderator", "--department", DEPARTMENT], "只有承办单位账号"),
    ],
)
def test_the_cli_refuses_a_handler_without_a_real_department(runner, db, content, extra, message):
    refused = _create(runner, *extra)
    assert refused.exit_code != 0 and message in refused.output
    assert accounts.find_user("env1") is None


def test_the_handler_role_cannot_be_added_to_an_account_without_a_department(db, content):
    moderator = create_staff("mod", "moderator")
    with pytest.raises(accounts.AccountError, match="承办单位角色"):
        accounts.set_roles(moderator, [StaffRole.MODERATOR, StaffRole.HANDLER], SETUP)
    assert accounts.find_user("mod").roles == {StaffRole.MODERATOR}


def test_a_handler_signs_in_and_is_kept_out_of_the_moderators_pages(client, content, sign_in):
    sign_in("handler", department=DEPARTMENT)
    assert client.get("/admin/account").status_code == 200
    for url in ("/admin/reports", "/admin/users", "/admin/bulletins", "/admin/audit"):
        assert client.get(url).status_code == 403, url
