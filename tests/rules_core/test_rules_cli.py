"""The support-staff CLI, run as ``python -m rules_core`` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rules_core.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).with_name("snapshots")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rules_core", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


SNAPSHOT_CASES = {
    "stage_points": ["stage-points", "--balance", "7", "--ceiling", "12", "--first-day", "2026-03-05",
                     "--last-day", "2026-03-06", "--today", "2026-03-10"],
    "probation_offence": ["probation", "--licence-date", "2025-01-20", "--training-date", "2025-09-10",
                          "--offence", "2026-03-01:2026-03-15:1:c3", "--today", "2026-04-01"],
    "letter_48n": ["48n", "--received-on", "2025-11-14", "--today", "2026-03-15"],
    "recovery": ["recovery", "--offence", "2026-01-05:2026-01-15:1:c3", "--offence", "2026-04-02:2026-04-20:3:c4",
                 "--today", "2026-05-01"],
    "offence_speeding": ["offence", "--offence", "speeding", "--commission", "2026-02-01", "--speed-limit-kmh", "90",
                         "--recorded-speed-kmh", "141", "--today", "2026-03-01"],
    "probation_zero": ["probation", "--licence-date", "2026-03-01", "--offence", "2026-10-20:2026-11-05:6:c4",
                       "--today", "2026-12-01"],
    "pending_loss": ["pending-loss", "--balance-before", "2", "--retrait-points", "4", "--paid-on", "2026-10-15",
                     "--stage-first-day", "2026-12-14", "--today", "2026-11-23"],
    "invalidation": ["invalidation", "--handed-back-on", "2026-04-08", "--licence-date", "2015-06-01",
                     "--today", "2026-05-01"],
}


@pytest.mark.parametrize("name", sorted(SNAPSHOT_CASES))
def test_cli_french_output_matches_snapshot(name):
    result = run(*SNAPSHOT_CASES[name])
    assert result.returncode == 0, result.stderr
    snapshot = SNAPSHOTS / f"{name}.txt"
    assert result.stdout == snapshot.read_text(encoding="utf-8")


def test_cli_stage_points_french():
    result = run(*SNAPSHOT_CASES["stage_points"])
    assert "Le stage vous rend 4 points, avec effet au 7 mars 2026" in result.stdout
    assert "article L.223-6 du Code de la route" in result.stdout


def test_cli_json():
    result = run(*SNAPSHOT_CASES["letter_48n"], "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["outcome"] == "deadline_missed"
    assert data["key_dates"]["deadline"] == "2026-03-14"
    assert data["reasons"][0]["rule"] == "R15"


def test_cli_inconsistent_facts_exit_2():
    result = run("probation", "--licence-date", "2030-01-01", "--today", "2026-01-01")
    assert result.returncode == 2
    assert "Impossible de répondre" in result.stderr
    assert "futur" in result.stderr


def test_cli_bad_option_exit_2():
    result = run("offence", "--offence", "phone")
    assert result.returncode == 2
    assert "Erreur" in result.stderr


def test_main_in_process(capsys):
    from datetime import date
    assert main(["simultaneous", "--item", "phone", "--item", "speeding:80:115", "--item", "alcohol:0,6",
                 "--commission", "2026-02-01", "--probationary", "non"], today=date(2026, 3, 1)) == 0
    assert "plafonnés à 8 points" in capsys.readouterr().out
    assert main(["letter", "--letter", "48Q", "--json"], today=date(2026, 3, 1)) == 2
    assert json.loads(capsys.readouterr().out)["error"] == "letter.unknown"
    assert main(["expected-letter", "--balance-before", "8", "--points-withdrawn", "3"]) == 0
    assert "lettre 48M" in capsys.readouterr().out
    assert main(["offence", "--offence", "phone", "--commission", "2026-02-01", "--probationary", "oui", "--json"],
                today=date(2026, 3, 1)) == 0
    assert json.loads(capsys.readouterr().out)["results"]["points"] == 3
    assert main(["stage-points", "--balance", "20", "--first-day", "2026-02-01", "--last-day", "2026-02-02"],
                today=date(2026, 3, 1)) == 2
    assert "Impossible de répondre" in capsys.readouterr().err
    for bad in (["probation", "--licence-date", "2026-13-01"],
                ["recovery", "--offence", "2026-01-01:1:c3"],
                ["recovery", "--offence", "2026-01-01::x:c3"],
                ["simultaneous", "--item", "speeding:a:b", "--commission", "2026-01-01"],
                ["offence", "--offence", "phone", "--commission", "2026-01-01", "--probationary", "peut-être"]):
        with pytest.raises(SystemExit) as info:
            main(bad)
        assert info.value.code == 2


def test_cli_recovery_after_invalidation():
    """R10 example 3 through the CLI: the 2016 points are not given back after the 2020 invalidation."""
    result = run("recovery", "--offence", "2016-05-01:2016-05-10:3:c4", "--offence", "2018-03-01:2018-03-20:4:c4",
                 "--offence", "2019-06-01:2019-06-20:3:c4", "--offence", "2020-02-01:2020-02-20:2:c4",
                 "--invalidated-on", "2020-06-15", "--today", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert "invalidé le 15 juin 2020" in result.stdout
    assert "ne reviennent pas le 10 mai 2026" in result.stdout


def test_cli_speeding_from_the_excess_alone(capsys):
    """R4: --excess-kmh alone; under 20 km/h the class and the fine depend on the limit."""
    from datetime import date
    assert main(["offence", "--offence", "speeding", "--commission", "2026-02-01", "--excess-kmh", "12"],
                today=date(2026, 3, 1)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Excès de 12 km/h : retrait de 1 point (article R.413-14")
    assert "68 €" in out and "135 €" in out and "sous réserve de : la limite de vitesse" in out
    assert main(["simultaneous", "--item", "speeding:55", "--item", "phone", "--commission", "2026-02-01", "--json"],
                today=date(2026, 3, 1)) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["offences"]
    assert rows[0] == {"offence": "speeding", "points": 6, "offence_class": "delit", "label_fr": "excès de vitesse",
                       "excess_kmh": 55, "by_limit": None}


def test_cli_retrait_timing_titre_executoire(capsys):
    """R2 example 2 through the CLI: the titre exécutoire of the majorée establishes the offence that day."""
    from datetime import date
    assert main(["retrait", "--established-on", "2026-05-05", "--established-by", "titre_executoire"],
                today=date(2026, 12, 1)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Les points de cette infraction sont retirés de plein droit à la date du 5 mai 2026")
    assert "partent de ce même jour, le 5 mai 2026" in out
    assert main(["retrait", "--fine-state", "not_paid", "--points", "4", "--json"], today=date(2026, 12, 1)) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "not_yet"


def test_cli_probation_counts_the_stages_done():
    # R7 example 1: 4/6, then the stage of 14-15 April 2025 tops up to the frozen ceiling: 6/6 on 16 April 2025
    result = run("probation", "--licence-date", "2024-03-10", "--offence", "2024-09-01:2024-09-20:2:c4",
                 "--stage", "2025-04-14", "--today", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Votre solde est aujourd'hui de 6 points sur 6")
    assert "vous a rendu 2 points le 16 avril 2025" in result.stdout
