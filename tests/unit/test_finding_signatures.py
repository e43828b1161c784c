"""The 第十六条 signature rules as data (app.core.misconduct), shared by the master's screens and
the room consoles (issue 17).

违纪指引 第十六条 [002 L1758–1776]: "参评人员涉及本指引所列违纪违规行为的，经2名（含）以上工作人员签字
报考场负责人确认" -- two *different* staff sign; the 考场负责人 confirms and is never one of them."""

from app.core import misconduct as mc


def witness(username="jiankao2", roles=("proctor",), batch_roles=("proctor",), witnesses=("jiankao1",),
            status="draft"):
    return mc.witness_refusal(name="某人", username=username, roles=list(roles), batch_roles=list(batch_roles),
                              witnesses=list(witnesses), status=status)


def confirm(username="kaochang", roles=("room_head",), witnesses=("jiankao1", "jiankao2"), status="signed"):
    return mc.confirm_refusal(name="某人", username=username, roles=list(roles), witnesses=list(witnesses),
                              status=status)


def test_a_second_different_proctor_may_sign():
    assert witness() is None


def test_witness_refusals_have_their_codes():
    assert witness(username="jiankao1").code == mc.SIGNED_TWICE
    assert witness(username="kaochang", roles=("room_head",), batch_roles=("room_head",)).code == mc.ROOM_HEAD_WITNESS
    assert witness(roles=("external_supervisor",)).code == mc.NOT_A_SIGNER
    assert witness(status="confirmed").code == mc.CLOSED


def test_the_room_head_confirms_two_witnesses_once():
    assert confirm() is None
    assert confirm(roles=("proctor",)).code == mc.NOT_ROOM_HEAD
    assert confirm(witnesses=("jiankao1",), status="draft").code == mc.TOO_FEW_WITNESSES
    assert confirm(witnesses=("jiankao1", "kaochang")).code == mc.CONFIRMER_WITNESS
    assert confirm(status="confirmed").code == mc.ALREADY_CONFIRMED
    assert confirm(status="decided").code == mc.ALREADY_CONFIRMED
    assert "第十六条" in confirm(witnesses=("jiankao1", "kaochang")).message
