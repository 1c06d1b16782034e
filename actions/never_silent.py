"""No message without a reply: an action that fails answers in French, and the conversation goes on.

rasa-sdk 3.6's executor lets any exception of an action escape: its endpoint answers HTTP 500, the Rasa server logs
"Encountered an exception while running action" and predicts `action_listen`, and the user gets nothing at all (tester
T37 c14: "et si je paye demain ?" went unanswered while the action crashed on an offence without a day). Here the
executor's `run` keeps every exception an action did not mean (not the form's `ActionExecutionRejection`, not an
unknown action): the error and its traceback go to the action server's log, and the user is asked to rephrase, with
nothing of the conversation lost (no event is returned, the slots stay as they were).
"""
from __future__ import annotations

import functools
import logging
from typing import Any, Dict, Optional

from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

logger = logging.getLogger(__name__)

APOLOGY = ("Désolé, je n'ai pas réussi à traiter ce message. Pouvez-vous le reformuler, ou me redonner les faits un "
           "par un ? Je garde ce que vous m'avez déjà dit.")


def _never_silent(run):
    @functools.wraps(run)
    async def guarded(self: ActionExecutor, action_call: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        try:
            return await run(self, action_call)
        except (ActionExecutionRejection, ActionNotFoundException):
            raise
        except Exception:  # noqa: BLE001 - any failure of an action: logged, and the user still gets a reply
            logger.exception("Action %s failed; the user is asked to rephrase.", action_call.get("next_action"))
            dispatcher = CollectingDispatcher()
            dispatcher.utter_message(text=APOLOGY)
            return self._create_api_response([], dispatcher.messages)

    guarded.never_silent = True
    return guarded


if not getattr(ActionExecutor.run, "never_silent", False):
    ActionExecutor.run = _never_silent(ActionExecutor.run)
