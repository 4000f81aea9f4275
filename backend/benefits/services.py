"""Business logic of benefits: which ones are public and active, and redeeming one without overselling.

``redeem`` is the only way a redemption is made. It serialises the redemptions of one benefit on the
benefit's row lock (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite allows one writer at a time anyway),
and increments ``redeemed_count`` with a conditional UPDATE, so that the quantity is never exceeded even
when many devices redeem at once. The ``benefit_not_oversold`` constraint is the last line of defence.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Benefit, Redemption

# No 0/O, 1/I/L, nor 5/S, 2/Z or 8/B: a code read aloud or typed from a screen cannot be misread.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 8
CODE_ATTEMPTS = 10


class RedemptionError(Exception):
    """Why a benefit could not be redeemed; ``code`` is one of the API's ``ErrorCode`` values."""

    NOT_FOUND = "NOT_FOUND"
    NOT_ACTIVE = "NOT_ACTIVE"
    SOLD_OUT = "SOLD_OUT"
    LIMIT_REACHED = "LIMIT_REACHED"

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def public_benefits() -> QuerySet[Benefit]:
    """Benefits the public may see: published and not taken down."""
    return Benefit.objects.filter(live=True, taken_down_at__isnull=True)


def active_q(now: dt.datetime | None = None) -> Q:
    """Valid at ``now`` and not sold out."""
    now = now or timezone.now()
    return Q(valid_from__lte=now, valid_until__gt=now) & (
        Q(total_quantity__isnull=True) | Q(redeemed_count__lt=F("total_quantity"))
    )


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def redeem(benefit_id: int, device, *, now: dt.datetime | None = None) -> Redemption:
    """Redeem a benefit for a device, or raise ``RedemptionError``. Nothing changes when it raises."""
    now = now or timezone.now()
    with transaction.atomic():
        # The lock makes concurrent redemptions of this benefit wait here, one after another; each then
        # reads the committed count and the device's committed redemptions.
        benefit = public_benefits().select_for_update().filter(pk=benefit_id).first()
        if benefit is None:
            raise RedemptionError(RedemptionError.NOT_FOUND, _("There is no such benefit."))
        if not benefit.is_valid_at(now):
            raise RedemptionError(RedemptionError.NOT_ACTIVE, _("This benefit is not valid now."))
        if benefit.total_quantity is not None and benefit.redeemed_count >= benefit.total_quantity:
            raise RedemptionError(RedemptionError.SOLD_OUT, _("This benefit has run out."))
        used = Redemption.objects.filter(benefit=benefit, device=device).count()
        if used >= benefit.per_device_limit:
            raise RedemptionError(
                RedemptionError.LIMIT_REACHED, _("You have already used this benefit as many times as allowed.")
            )
        counter = Benefit.objects.filter(pk=benefit.pk)
        if benefit.total_quantity is not None:
            counter = counter.filter(redeemed_count__lt=F("total_quantity"))
        if counter.update(redeemed_count=F("redeemed_count") + 1) != 1:
            raise RedemptionError(RedemptionError.SOLD_OUT, _("This benefit has run out."))
        for _attempt in range(CODE_ATTEMPTS):
            code = new_code()
            try:
                with transaction.atomic():  # a savepoint: a code collision undoes only this insert
                    redemption = Redemption.objects.create(benefit=benefit, device=device, code=code, redeemed_at=now)
            except IntegrityError:
                if Redemption.objects.filter(benefit=benefit, code=code).exists():
                    continue  # the code was taken: draw another
                raise
            redemption.benefit = benefit
            benefit.redeemed_count += 1
            return redemption
        raise RuntimeError("Could not find a free redemption code")  # 25^8 codes: practically unreachable
