"""The nightly deployment of the ``refresh`` flow.

One deployment, served by ``jobpulse schedule`` (a long-running process with Prefect's local API; a Prefect
server or Cloud work pool is optional configuration). The cron and timezone come from settings
(``JOBPULSE_SCHEDULE_CRON``, ``JOBPULSE_SCHEDULE_TIMEZONE``), default ``0 3 * * *`` UTC.
"""

from __future__ import annotations

from typing import Any

from prefect.schedules import Cron

from flows.refresh import refresh
from flows.settings import Settings

DEPLOYMENT_NAME = "nightly-refresh"


def deployment_parameters(settings: Settings) -> dict[str, Any]:
    """The refresh parameters the nightly run uses: the configured sources file and warehouse."""
    return {
        "sources_file": str(settings.sources_file),
        "sources": list(settings.sources),
        "warehouse_path": str(settings.warehouse_path),
    }


def nightly_deployment(settings: Settings, cron: str | None = None, timezone: str | None = None):
    """A ``RunnerDeployment`` of :func:`flows.refresh.refresh` on the nightly cron."""
    return refresh.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=Cron(cron or settings.schedule_cron, timezone=timezone or settings.schedule_timezone),
        parameters=deployment_parameters(settings),
        description="Nightly jobpulse refresh: extract boards, load, enrich, build marts, validate, publish.",
        tags=["jobpulse", "nightly"],
    )


def describe(deployment) -> dict[str, Any]:
    """What ``jobpulse schedule --print`` shows: name, flow, cron, timezone and parameters."""
    schedules = [
        {"cron": s.schedule.cron, "timezone": s.schedule.timezone, "active": s.active}
        for s in deployment.schedules or []
    ]
    return {
        "name": deployment.name,
        "flow": deployment.flow_name,
        "schedules": schedules,
        "parameters": deployment.parameters,
        "tags": deployment.tags,
    }
