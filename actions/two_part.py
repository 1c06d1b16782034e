"""Messages that ask two questions ("le stage me rend des points ? et l'amende est remboursée ?").

The NLU gives a message one intent: the answer of that question runs, and the other question was left
unanswered. Here the message is cut into its question clauses (each sentence ending with "?", and a question
sentence joining two questions with "et": "ça me fait combien et on me rembourse ?"); a small rule over each
clause's words says which question it asks, among those whose answer the facts of the conversation compute
(rules_core). After the first answer, `ActionAnswerOtherQuestion` runs the other one: at once when its form
would ask nothing more (the facts are shared: the same slots), else its form, which asks for what is missing.

The same reading of the question clause serves a story the NLU is unsure of ("mon fils a eu son permis en
janvier…, il va perdre combien de points ?"): its question sentence says the question (see actions.fallback).
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import rules_core
from actions.follow_ups import ASKS_RISK, ASKS_SUSPENSION_END, ASKS_THE_CAP, cap_of_the_offences_told
from actions.forms import LETTER_48N_TO_COME, WHERE_TO_READ
from actions.informational import MAY_I_DRIVE
from actions.slot_values import InvalidAnswer
from bot.nlu.fact_parsing import extract_facts, fold
from bot.reference_date import today
from bot.nlu.question_focus import COUNT_AFTER, LONG_MESSAGE_CHARS

_SENTENCE = re.compile(r"[^.!?\n]*[.!?]+|[^.!?\n]+")
# a question asked without its "?" (folded text)
_QUESTION_WORD = re.compile(r"\b(?:quand|combien|comment|pourquoi|est-ce|est ce|quel\w*|ou)\b")
# "…il me reste et quand je récupère le point ?", "ça me fait combien et on me rembourse ?": a second question
# joined by "et" (a question word or a subject after it, not "permis et code")
# (and "…j'ai combien aujourd'hui, et si je fais un stage le 14-15 décembre ?": a stage supposed, T17 c35)
_JOINED_QUESTION = re.compile(r"\s*,?\s+(?:et|mais)\s+(?=(?:quand|combien|est-ce|est ce|comment|pourquoi|on|je|j'|il|"
                              r"elle|ca|ça|l'amende|les points|mes points|si (?:je|j'|il|elle|on))\b)", re.IGNORECASE)
# "et si je fais un stage le 14-15 décembre ?", "et s'il fait le stage en janvier ?": a stage supposed, asked what it
# gives (R12)
_STAGE_SUPPOSED = re.compile(r"^\W*(?:et\s+|mais\s+)?(?:si\s+(?:je|j'|il|elle|on)|s'?\s?il|s'?\s?ils)\s*"
                             r"(?:le |la |l'|en )?(?:fais|fait|faisais|faisait|passe|passais|passait|suis|suit|suivais"
                             r"|suivait|prends|prend)\b"
                             # (the stage the verb takes, not "si je prends une amende, je dois faire un stage ?": an
                             # offence supposed, whose stage is asked about; T19 c25)
                             r"(?:(?!\b(?:amende|pv|exces|infraction|contravention|points?|pts?)\b)[^?])*\bstage")
# "bonjour mon fils a eu son permis en janvier, … la semaine dernière, il va perdre combien de points ?": in a long
# sentence, the clause after the last comma is the question
_LAST_CLAUSE = re.compile(r",\s*([^,]+\?)\s*$")

# "Je voudrais savoir combien il me reste de points et si je dois faire un stage.", "pouvez-vous me dire quand…": a
# question asked as a sentence, without its "?" (folded text; tester T27 c32 got the total of the points lost only)
_INDIRECT_QUESTION = re.compile(r"^\W*(?:(?:et|donc|alors|bref|bon|enfin)\W+)?(?:je voudrais|j'?\s?aimerais|je souhaite\w*"
                                r"|je veux|j'?\s?ai besoin de|pourriez-vous|pouvez-vous|pourriez vous|pouvez vous"
                                r"|dites-moi|dites moi|merci de me dire)\s+(?:me\s+dire|savoir|connaitre|comprendre)\s+")

_STAGE_SAID = re.compile(r"\bstages?\b|\b48\s?n\b")
# (whether one may drive is a question of a retention or a suspension, not of a probationary licence abroad)
_SUSPENSION_SAID = re.compile(r"\b(?:reten\w*|retin\w*|suspen\w*|confisqu\w*|garde a vue)\b"
                              r"|\b(?:retire|pris|garde)\w* (?:le|mon|son) permis\b")

#: question -> what its clause says (folded text); the first that matches reads the clause
QUESTION_WORDS = (
    # "et l'amende est remboursée ?", "on me rembourse ?" (R16)
    # (not "j'ai repris une amende de 3 points en juillet, le point de mai revient quand ?": the point comes back)
    ("ask_refund_48n", re.compile(r"\brembours\w*|\bamende\b[^,;:]{0,30}\b(?:rend\w*|recup\w*|revient|rendue)\b")),
    # "il va perdre combien de points ?", "ça retire combien ?" (R4)
    # (not "ça coûte combien ?": a price, the fine's or the stage's)
    # "ça fait 8 points ou c'est plafonné ?", "ça se cumule ?" (R3)
    ("ask_offence_points", re.compile(r"\bplafonn\w*|\bcumul\w*|\bs'?\s?additionn\w*|\bca fait \d+ points?\b"
                                      r"|\b(?:perdre|perd|perds|perdu|retire\w*|enleve\w*)\b[^?]*\bcombien\b"
                                      r"|\bcombien\b[^?]*\b(?:perdre|perd|perds|retire\w*|enleve\w*)\b"
                                      # "est-ce que je perds un point si je paie maintenant ?" (T22 c23)
                                      r"|\b(?:je|j'|il|elle|on)\s*(?:perds|perd|perdrai|perdra|vais perdre|va perdre)"
                                      r"\s+(?:un|des|mes|ses|\d+)\s+points?\b")),
    # "combien il me reste ?", "j'ai combien ?", "mon solde ?" (R1)
    # (and of another's licence: "combien lui reste-t-il de points ?", "elle a combien ?", "son solde", T23 c13)
    ("ask_check_balance", re.compile(r"\bcombien (?:de (?:points|pts) )?(?:il me reste|me reste|j'?\s?ai|j'en ai"
                                     r"|il m'en reste|(?:il |elle )?(?:lui|leur|te|vous|t'en|lui en|vous en) reste"
                                     r"|(?:il|elle) (?:en )?a)\b|\bj'?\s?(?:en )?ai combien\b|\breste combien\b"
                                     r"|\b(?:mon|son|ton|votre) solde\b|\b(?:il|elle|tu) (?:en )?a combien\b"
                                     # "j'ai 10 points, il me restera quoi ?", "il m'en restera combien ?" (T49 c24)
                                     r"|\b(?:me|m'en|lui|lui en|vous|vous en|nous|leur) ?rest(?:e|era|erait|eront) (?:quoi"
                                     r"|combien)\b")),
    # "quand je récupère le point perdu ?", "j'aurai 12 quand ?" (R8, R9)
    # (not "je peux quand même en faire un pour récupérer mes 2 pts ?": a stage's question, T19 c40)
    ("ask_auto_recovery", re.compile(r"\bquand\b(?! meme\b).*\b(?:recup\w*|reviens?\w*|12|douze|tous mes points)\b"
                                     r"|\b(?:recup\w*|reviens?\w*|12|douze)\b.*\bquand\b(?! meme\b)")),
    # "est-ce qu'elle perd tout ?", "il va perdre son permis ?" (R20)
    ("ask_zero_points", re.compile(r"\b(?:perd|perds|perdre|perdu)\s+(?:tout|tous (?:ses|mes|les) points|(?:son|mon|le) "
                                   r"permis)\b|\btout perdre\b|\bplus (?:aucun|de) points?\b")),
    # "et la suspension finit quand exactement", "je suis suspendu jusqu'à quand ?" (T17 c17: the stage's part
    # answered, this one ignored); before the 48N's "jusqu'à quand", which names no suspension
    ("ask_suspension", ASKS_SUSPENSION_END),
    # "jusqu'à quand pour le stage ?", "c'est quoi la date limite ?" (R15); "il doit quand même faire le stage ?",
    # "je suis obligé de le suivre, ce stage ?" (T9 c35)
    ("ask_mandatory_stage", re.compile(r"\bdate limite\b|\bavant quand\b|\bjusqu'?\s?a quand\b"
                                       r"|\b(?:dois|doit|doivent|devra\w*|oblige\w*|obligatoire\w*|faut)\b[^?]{0,30}"
                                       r"\b(?:faire|suivre|passer)\b[^?]{0,15}\bstage\b")),
    # "je vais recevoir une 48N ? je peux faire un stage quand même ?" (R13, R14; tester T1 c57)
    ("ask_stage_eligibility", re.compile(r"\b(?:peux|peut|puis|pourrai\w*|droit de)(?:[- ]je)?\s+(?:\w+\s+)?"
                                         r"(?:faire|refaire|passer|suivre) (?:un|le|des|mon|ce) stages?\b"
                                         # "j'ai fait un stage les 30 novembre et 1er décembre 2025. Je peux en refaire
                                         # un le 30 novembre 2026 ?" (the stage said before it; T63 c26: dropped)
                                         r"|\b(?:peux|peut|puis|pourrai\w*|droit d)(?:[- ]je)?\s+(?:\w+\s+)?en\s+"
                                         r"(?:refaire|faire|repasser|passer|suivre) (?:un|un autre|un nouveau|encore un)\b")),
    # "permis retenu hier soir…, je peux conduire demain ?" (L.224-1, L.224-16; tester T1 c84)
    ("ask_suspension", MAY_I_DRIVE),
    # "je vais recevoir quelle lettre ?", "j'aurai une lettre ?" (R19; tester T2, R19 ex. 4)
    ("ask_letter", re.compile(r"\bquelle lettre\b|\b(?:recevoir|recevrai\w*|recoi\w*|aurai\w*|avoir)\s+(?:une|la|quelle)\s+"
                              r"(?:lettre|courrier)\b")),
)
# (said of a stage: "il me rend des points ?", "ça me fait combien ?", "et j'ai eu des points ?", R12)
# a stage named by what it does, in a relative clause: "un stage qui me rend des points", "un autre qui rapporte des points"
# (folded text)
_STAGE_THAT_GIVES_POINTS = re.compile(r"\bqui\s+(?:(?:me|lui|leur|nous|vous|te)\s+|t')?(?:rend\w*|redonne\w*|rapporte\w*"
                                      r"|donne\w*)\s+(?:des\s+|les\s+|mes\s+|ses\s+)?points?\b")
_POINTS_OF_A_STAGE = re.compile(r"\b(?:rend\w*|redonne\w*|rapporte\w*|donne\w*|gagne\w*|eu|recupere\w*)\b.*\bpoints?\b"
                                r"|\bpoints?\b.*\b(?:rend\w*|redonne\w*|rapporte\w*|donne\w*|gagne\w*)\b"
                                # (any person, "ça lui remet combien", "il leur rajoute combien"; T17 c02 dropped it)
                                r"|\b(?:ca|il|ce stage|le stage) (?:me|lui|leur|nous|vous|te|t') ?(?:fait|rapporte|donne"
                                r"|rend|remet|redonne|rajoute|ajoute) combien\b"
                                r"|\b(?:me|lui|leur|nous|vous|te) (?:fait|remet|rajoute|ajoute) combien\b"
                                r"|\b(?:remet\w*|rajout\w*|ajout\w*)\b.*\bpoints?\b"
                                # "si je fais le stage le 14, j'aurais combien de points ?" (tester T1 c59)
                                r"|\bj'?\s?aurai[st]?\s+combien\b|\bcombien\b[^?]{0,25}\bj'?\s?aurai[st]?\b")

# "et le prix du stage ?", "c combien un stage en moyenne ?", "ça coûte combien un stage ?" (folded; the stage named in
# the clause: "ça coûte combien ?" alone may be the fine's price)
_PRICE_OF_A_STAGE = re.compile(r"\b(?:prix|couts?|coute\w*|tarifs?)\b[^?.]{0,30}\bstages?\b"
                               r"|\bstages?\b[^?.]{0,30}\b(?:prix|couts?|coute\w*|tarifs?)\b"
                               r"|\bcombien\s+(?:coute\w*\s+|ca coute\s+)?(?:un|le|les|ce|mon)\s+stages?\b")

# "Lettre 48N reçue le 14 novembre 2025, je n'ai pas fait le stage. Je risque quoi ?": what a compulsory stage not done
# in time costs (R15 example 2), not an offence's points
_48N_SAID = re.compile(r"\b48\s?n\b|\bstage obligatoire\b")

_BARE_FINE = re.compile(r"^\W*(?:et\s+|mais\s+)?(?:pour\s+)?l'\s?amende\W*$")

#: the questions a second question may be: their answers read the facts of the conversation (rules_core), and
#: whether one may drive during a retention or a suspension
SECOND_QUESTIONS = ("ask_refund_48n", "ask_points_after_stage", "ask_check_balance", "ask_auto_recovery",
                    "ask_mandatory_stage", "ask_offence_points", "ask_suspension", "ask_stage_eligibility",
                    "ask_stage_info", "ask_letter")
#: the replies to a form's question: the question they answer is the one of the message before
FORM_REPLY_INTENTS = ("inform", "affirm", "deny", "dont_know")
#: the answer action of each question (by name: actions.answers imports this module)
ANSWER_CLASSES = {
    "ask_refund_48n": "ActionAnswerRefund48n", "ask_points_after_stage": "ActionAnswerPointsAfterStage",
    "ask_check_balance": "ActionAnswerCheckBalance", "ask_auto_recovery": "ActionAnswerAutoRecovery",
    "ask_mandatory_stage": "ActionAnswerMandatoryStage", "ask_offence_points": "ActionAnswerOffencePoints",
    "ask_suspension": "ActionAnswerSuspension", "ask_stage_eligibility": "ActionAnswerStageEligibility",
    "ask_stage_info": "ActionAnswerStageInfo", "ask_letter": "ActionAnswerLetter",
}
#: an answer that already says the other question's answer (the balance answer gives the return dates)
#: the answers that give the user's balance: a second clause asking the count ("j'en ai combien maintenant ?") is
#: answered by them; one asking where to read the official balance is not (the card of « Mes Points Permis »)
BALANCE_ANSWERS = {"action_answer_points_after_stage", "action_answer_probation", "action_answer_check_balance"}
ANSWER_COVERS = {"action_answer_check_balance": ("ask_auto_recovery",),
                 # the probation answer gives the balance, its ceiling and the day of 12 points (T1 c16, c77)
                 "action_answer_probation": ("ask_check_balance", "ask_auto_recovery"),
                 # the retrait's day is the one the recovery clocks start from, and the answer gives their dates
                 # (tester T2, R2 ex. 3: a second answer counted them from the judgment, not from the day it is final)
                 "action_answer_retrait_timing": ("ask_auto_recovery",)}


def question_clauses(text: str) -> List[str]:
    """The questions of a message, in order: its sentences ending with "?", each cut where "et" joins a second
    question. A single sentence of a long message without "?" has none. After a question, a last sentence asking with
    a question word but no "?" is one too ("il va recevoir une 48N ? et il récupère ses points quand": T9 c20)."""
    clauses: List[str] = []
    sentences = [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]
    for number, sentence in enumerate(sentences):
        parts = [p.strip() for p in _JOINED_QUESTION.split(sentence) if p.strip()]
        # (or two questions joined without "?", the message's last sentence: "il a payé le 2 novembre. il lui reste
        # combien et il les recupere quand", T23 c27 got the recovery only)
        unmarked = number == len(sentences) - 1 and not sentence.endswith((".", "!")) and \
            _QUESTION_WORD.search(fold(sentence)) and \
            (clauses or (len(parts) >= 2 and all(_QUESTION_WORD.search(fold(part)) for part in parts)))
        if not sentence.endswith("?") and not unmarked:
            continue
        clauses.extend(parts)
    return clauses


def story_questions(text: str) -> List[str]:
    """The question clauses of a long message (a story then its question): those of its last sentence asking
    something; in a single long sentence, what follows its last comma. [] for a short message."""
    if len(text or "") < LONG_MESSAGE_CHARS:
        return []
    said = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    sentences = [s for s in said if s.endswith("?")]
    indirect = [s for s in said if _INDIRECT_QUESTION.search(fold(s))]
    if not sentences and indirect:
        # "Je voudrais savoir combien il me reste de points aujourd'hui et quand je les récupérerai, et si je dois
        # faire un stage. Merci infiniment…": that sentence's questions, whatever thanks follow
        return question_clauses(_INDIRECT_QUESTION.sub("", fold(indirect[-1])).rstrip(" .!") + " ?")
    if not sentences:
        # "…payé le 3 octobre 2026. permis le 6 juin 2024. jai combien et je le recup quand": a story whose last
        # sentence asks with a question word but no "?" (tester T10 c32 got the offence's table only)
        last = said[-1] if len(said) > 1 else ""
        if not last or last.endswith((".", "!")) or len(last) >= LONG_MESSAGE_CHARS or \
                not _QUESTION_WORD.search(fold(last)):
            return []
        return question_clauses(f"{last} ?")
    last = sentences[-1]
    if len(last) >= LONG_MESSAGE_CHARS:
        found = _LAST_CLAUSE.search(last)
        if not found:
            return []
        last = found.group(1)
    return question_clauses(last)


def story_question(text: str) -> Optional[str]:
    """The question (intent) a story asks in its question sentence, by the words of its first clause that asks one
    (see `question_of`); None when none does."""
    return next((intent for intent in (question_of(clause, text) for clause in story_questions(text)) if intent),
                None)


# a clause asking a count of points and nothing else: "combien de points ?", "et ça fait combien de points ?", "je perds
# combien de pts" (folded text)
_BARE_POINTS_COUNT = re.compile(r"^\W*(?:et\s+|mais\s+|donc\s+)?(?:ca\s+(?:fait|coute|retire|enleve)\s+|je\s+(?:perds?|prends?)\s+)?"
                                r"combien(?:\s+de)?\s+(?:points?|pts)(?:\s+en moins)?\W*$")


# "combien de points pour un feu rouge ?", "cb de pts pour un stop", "combien de points on perd pour…" (folded text)
_POINTS_FOR_AN_OFFENCE = re.compile(r"\b(?:combien|cb|cbn|cmb)\s+(?:de\s+|d'\s?)?(?:points?|pts?)\s+(?:pour|pr|on perd|je perds"
                                    r"|ca coute|ca retire|ca enleve|en moins pour)\b")


def _names_an_offence(message: str) -> bool:
    """Whether the parser reads an offence (its kind, or a speed) in the message."""
    return any(fact.entity in ("offence_type", "speed_excess", "speed_measured")
               for fact in extract_facts(message, today()))


def question_of(clause: str, message: str = "") -> Optional[str]:
    """The question (intent) a clause asks by its words, or None. A clause on points in a message about a stage asks
    the stage's points."""
    folded = fold(clause)
    if _POINTS_FOR_AN_OFFENCE.search(folded) and not re.search(r"\bstage", folded) and _names_an_offence(clause):
        # "2 questions : cb de points pour un feu rouge ? et est-ce que je peux faire un stage…": that offence's points
        # (R4), whatever the other clause speaks of (T33 c10 answered the stage only)
        return "ask_offence_points"
    if _PRICE_OF_A_STAGE.search(folded):
        # "…je peux faire un stage tout de suite ? et c combien un stage en moyenne ?", "et le prix du stage ?": the
        # stage's price (R11: set freely by each centre), not its points (T36 c27: ignored twice)
        return "ask_stage_info"
    # (the 48N of "il va recevoir une 48N ?" is a letter asked about, not a stage told)
    stage_said = _STAGE_SAID.search(LETTER_48N_TO_COME.sub(" ", fold(message or clause)))
    if stage_said and _BARE_FINE.match(folded):
        return "ask_refund_48n"  # "le stage obligatoire me rend des points ? et l'amende ?": its refund (R16)
    # ("si elle fait le stage, elle en aura combien ?": the points a stage will leave, in any person)
    # (not the stage named by what it does: "je peux en refaire un qui me rend des points ?" asks when, R13; T57 c08
    # was asked its balance and its licence's date, then read "2009" as the last stage's)
    asked = _STAGE_THAT_GIVES_POINTS.sub(" ", folded)
    if stage_said and (_POINTS_OF_A_STAGE.search(asked)
                                                        or COUNT_AFTER.search(asked)) \
            and not re.search(r"\brembours", folded):
        return "ask_points_after_stage"
    if _STAGE_SUPPOSED.search(folded) and not re.search(r"\brembours", folded):
        return "ask_points_after_stage"  # "…, et si je fais un stage le 14-15 décembre ?" (T17 c35)
    if _48N_SAID.search(fold(message or clause)) and ASKS_RISK.search(folded):
        return "ask_mandatory_stage"
    if LETTER_48N_TO_COME.search(folded):
        # "il va recevoir une 48N ?": whether the letter comes, from the offence told (R15; T9 c20 got no answer)
        return "ask_mandatory_stage"
    if _BARE_POINTS_COUNT.match(folded) and _names_an_offence(message or clause):
        # "…à 145 sur une route à 90 le 12 novembre 2025… Combien de points et quand je les récupère ?": the offence's
        # points (R4), then the dates (tester T15 c22 got the dates only)
        return "ask_offence_points"
    suspended = _SUSPENSION_SAID.search(fold(message or clause))
    return next((intent for intent, words in QUESTION_WORDS
                 if words.search(folded) and (intent != "ask_suspension" or suspended)), None)


def _asking_message(tracker: Tracker) -> Optional[int]:
    """The index in the events of the user message of two questions being answered: the latest message, or the
    one before the replies a form asked for ("le 10 novembre 2026" to the 48N's date). None when the question
    being answered is of one clause."""
    for index in range(len(tracker.events) - 1, -1, -1):
        event = tracker.events[index]
        if event.get("event") != "user":
            continue
        intent = (((event.get("parse_data") or {}).get("intent")) or {}).get("name") or ""
        # (a story's question sentence too: "…dites-moi quand je récupère tout et combien j'ai aujourd'hui", T19 c26)
        if len(question_clauses(event.get("text") or "") or story_questions(event.get("text") or "")) >= 2:
            return index
        if story_question(event.get("text") or "") not in (None, intent):
            # a story read as another question than its question sentence asks ("…Sa période probatoire est finie,
            # il doit quand même faire le stage ?" read as the probation's): that sentence's question next (T9 c35)
            return index
        if intent not in FORM_REPLY_INTENTS:
            return None  # a question of its own
    return None


def _answered_since(tracker: Tracker, index: int) -> List[str]:
    """The answers given since the event at `index` (run as actions, or by another answer, which records its name in
    `last_question`)."""
    answered = []
    for event in tracker.events[index + 1:]:
        name = event.get("name") or ""
        if event.get("event") == "action" and name.startswith("action_answer_"):
            answered.append(name)
        if event.get("event") == "slot" and name == "last_question" and event.get("value"):
            answered.append(event["value"])
    return answered


def other_question(tracker: Tracker, answered: str) -> Optional[str]:
    """The question of the user's message still to answer once `answered` (an answer action) has run: a second
    question clause whose words ask another computed question. None for a message of one question."""
    index = _asking_message(tracker)
    if index is None:
        return None
    message = tracker.events[index]
    text = message.get("text") or ""
    done = set(_answered_since(tracker, index)) | {answered}
    main = (((message.get("parse_data") or {}).get("intent")) or {}).get("name")
    skip = {name.replace("action_answer_", "ask_", 1) for name in done} | {main}
    for name in done:
        skip |= set(ANSWER_COVERS.get(name, ()))
    if done & {"action_answer_stage_eligibility", "action_answer_mandatory_stage"} and \
            _48n_stage_gives_no_points(tracker):
        # (its answer said so, R17: no balance to ask, T11 c37; "le stage obligatoire va me rendre des points ?"
        # answered by the 48N's, T19 c23 got the balance before the voluntary stage asked)
        skip.add("ask_points_after_stage")
    if "action_answer_stage_eligibility" in done and tracker.get_slot("current_balance") is not None:
        # with the balance, that answer gave what the stage brings ("…elle récupère ses 4 points ?": "son solde
        # passe de 5 à 9 points", R12): not asked again through the other form's questions (T13 c28)
        skip.add("ask_points_after_stage")
    for clause in question_clauses(text) or story_questions(text):
        intent = question_of(clause, text)
        if intent == "ask_mandatory_stage" and "action_answer_offence_points" in done and \
                LETTER_48N_TO_COME.search(fold(clause)):
            continue  # (the offence's points said whether its 48N comes, R15)
        if intent == "ask_check_balance" and done & BALANCE_ANSWERS and not WHERE_TO_READ.search(fold(clause)):
            continue  # ("j'avais 5 points, j'en ai combien maintenant ?": the stage's answer gave the count, T12 c01)
        if intent in SECOND_QUESTIONS and intent not in skip:
            return intent
    return None


def hypothesis_clause(tracker: Tracker) -> Optional[str]:
    """The clause of the message being answered that supposes a world ("il va avoir ses 12 points demain ? et si il se
    fait flasher aujourd'hui ?"), which no computed question reads, while no hypothesis was answered for that message:
    answered next, on the answer just given (actions.what_if). None otherwise (tester T36 c18: dropped)."""
    from actions.what_if import answers_a_hypothesis, states_a_hypothesis  # (what_if reads the forms)
    index = _asking_message(tracker)
    if index is None or any(event.get("event") == "bot" and answers_a_hypothesis(event.get("text"))
                            for event in tracker.events[index + 1:]):
        return None
    text = tracker.events[index].get("text") or ""
    return next((clause for clause in question_clauses(text) or story_questions(text)
                 if states_a_hypothesis(clause) and question_of(clause, text) is None), None)


def hypothesis_clause_answer(tracker: Tracker, clause: str) -> Optional[str]:
    """What the hypothesis of `clause` would change, computed on the last answer as if the clause came next (the
    facts it names are the hypothesis's, never the user's; actions.what_if)."""
    from actions.what_if import what_if_answer
    entities = [{"entity": fact.entity, "value": fact.value, "start": fact.start, "end": fact.end,
                 **({"role": fact.role} if fact.role else {})} for fact in extract_facts(clause, today())]
    said = {"event": "user", "text": clause, "parse_data": {"intent": {}, "entities": entities}}
    world = Tracker(sender_id=tracker.sender_id, slots=tracker.current_slot_values(),
                    latest_message={"text": clause, "intent": {}, "entities": entities},
                    events=[*tracker.events, said], paused=False, followup_action=None, active_loop={},
                    latest_action_name="action_listen")
    return what_if_answer(world)


def _48n_stage_gives_no_points(tracker: Tracker) -> bool:
    """A 48N received after a stage that gave points less than a year before: the compulsory stage's answer says that
    it gives no points before its deadline ("Il me rendra des points ?" answered, R15, R17)."""
    from actions.answers import Facts  # (actions.answers imports this module)
    from actions.forms import letter_48n_received
    if not letter_48n_received(tracker):
        return False
    facts = Facts(tracker)
    try:
        received = facts.day("letter_48n_date", "earliest")
        previous = facts.previous_stage
        told = facts.day("stage_first_day", "earliest") if previous is None else None
        if told is not None and received is not None and told < received:
            previous = told  # ("stage volontaire les 2 et 3 juin, 48N le 25 novembre": that stage is the last one, R17)
        decision = rules_core.mandatory_stage_48n(
            received_on=received, today=today(), stage_first_day=None,
            stage_last_day=None, previous_points_stage_first_day=previous)
    except (rules_core.InconsistentFacts, InvalidAnswer, TypeError, ValueError):
        return False
    return previous is not None and decision.results.get("points_possible") is False


def answering_the_other_question(tracker: Tracker) -> bool:
    """Whether the answer runs for the second question of the latest message (`ActionAnswerOtherQuestion` handed the
    turn to it): the message is then that question's, not a follow-up of the answer just given to its first one."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "followup" and event.get("name") == ActionAnswerOtherQuestion.NAME:
            return True
    return False


def then_other_question(tracker: Tracker, answered: str) -> List[EventType]:
    """After an answer: the action that answers the message's other question, if it has one. Once only per message:
    the other question's answer may be given by another answer action (the balance of a probationary driver is
    the probation answer), which must not hand the turn back again (tester Z1: one answer sent 10 times)."""
    index = _asking_message(tracker)
    if index is not None and any(event.get("event") == "action" and event.get("name") == ActionAnswerOtherQuestion.NAME
                                 for event in tracker.events[index + 1:]):
        return []
    from actions.mid_form import held_hypotheses  # (the forms import this module through the answers)
    # the other question of the message, or the hypothesis held while the form waited ("et si j'avais 4 points ?")
    return [FollowupAction(ActionAnswerOtherQuestion.NAME)] if other_question(tracker, answered) or \
        held_hypotheses(tracker) or hypothesis_clause(tracker) else []


async def ask_or_answer(intent: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: Dict[Text, Any]) -> List[EventType]:
    """The question's answer when its form would ask nothing more (the facts are known), else its form, to ask
    what is missing."""
    from actions import answers, forms  # (actions.answers imports this module)

    answer = getattr(answers, ANSWER_CLASSES[intent])()
    validations = {cls().form_name(): cls for cls in forms.FactsValidation.__subclasses__()}
    form = getattr(answer, "form", None)
    if form is not None and form in validations:
        next_question = await validations[form]().next_requested_slot(dispatcher, tracker, domain)
        if next_question["value"] is not None:
            return [FollowupAction(form)]
    result = answer.run(dispatcher, tracker, domain)
    return (await result) if hasattr(result, "__await__") else result


def _lines(text: Optional[str]) -> set:
    """The lines of an answer, without their bullets."""
    return {line.strip().lstrip("-").strip() for line in (text or "").splitlines() if line.strip()}


_ARTICLE_CITED = re.compile(r"\barticles? ([LR]\.\s?[\d-]+) du Code de la route")


def _applied_already(line: str, cited: set) -> bool:
    """A note of an offence's answer (its bullet) that explains an article the first answer already applied to the
    user's case ("il va perdre combien et il lui restera combien ?": the probation answer said the 48N, the frozen
    ceiling and the recovery with their dates; the offence's notes say them again in general, T13 c27)."""
    articles = set(_ARTICLE_CITED.findall(line))
    return line.lstrip().startswith("- ") and bool(articles) and articles <= cited


# "il vous reste 4 points", said by an answer; "votre solde est passé de 12 points à 4 points", the balance answer's
# first line once the retrait is made (the balance in group 1)
_BALANCE_LEFT_SAID = re.compile(r"\bil (?:vous|lui) reste (\d+) points?\b")
_BALANCE_LEFT_HEADLINE = re.compile(r"^\d+ points? (?:vous|lui) ont été retirés .*\b(?:votre|son|sa) solde est passé de \d+ "
                                    r"points? à (\d+) points?\b")
_BALANCE_GIVEN = re.compile(r"^Solde aujourd'hui : (\d+) points?\b|[Vv]otre solde est aujourd'hui de (\d+) points?\b")


def _stage_asked_after_the_balance(tracker: Tracker, intent: str) -> Optional[str]:
    """"et si je dois faire un stage" asked with the balance of several offences a story tells, no 48N told, the
    licence counted out of probation by that balance's answer: no stage is compulsory without a 48N (R15), and what a
    voluntary one would give from the balance just computed (R12). None otherwise (the mandatory stage's answer then
    reads the offence told, which may bring a 48N)."""
    from actions.follow_ups import NO_COMPULSORY_STAGE_WITHOUT_48N, letter_48n_said
    from actions.forms import licence_may_be_probationary, told_retraits_in_latest_message
    index = _asking_message(tracker)
    if intent != "ask_mandatory_stage" or index is None or tracker.get_slot("letter_48n_date") or \
            letter_48n_said(tracker) or "action_answer_check_balance" not in _answered_since(tracker, index):
        return None
    asked = tracker.events[index]
    if len([e for e in (asked.get("parse_data") or {}).get("entities", []) if e.get("entity") == "offence_type"]) < 2:
        return None
    if tracker.get_slot("licence_date") is not None and licence_may_be_probationary(tracker):
        return None
    balance = next((int(found.group(1) or found.group(2)) for event in tracker.events[index + 1:]
                    if event.get("event") == "bot" for line in (event.get("text") or "").splitlines()
                    for found in [_BALANCE_GIVEN.search(line)] if found), None)
    view = rules_core.load_params().at(today())
    gain, maximum = view.value("stage.max_gain"), view.value("capital.max")
    reply = NO_COMPULSORY_STAGE_WITHOUT_48N
    if balance is not None and balance < maximum:
        after = min(maximum, balance + gain)
        reply += (f"\n- Avec votre solde de {balance} points, un stage volontaire vous en rendrait {after - balance} le "
                  f"lendemain de son 2e jour ({after} points), sans changer la date à laquelle votre permis retrouve "
                  "tous ses points (article L.223-6 du Code de la route).")
    if tracker.get_slot("licence_date") is None:
        reply += ("\n- Si votre permis a moins de 3 ans (période probatoire), dites-le-moi : une infraction de 3 points "
                  "ou plus y entraîne une lettre 48N et un stage obligatoire (article R.223-4 du Code de la route).")
    return reply


class ActionAnswerOtherQuestion(Action):
    """The second question of a message, after the answer of the first."""

    NAME = "action_other_question"  # (not action_answer_…: not an answer of its own)

    def name(self) -> Text:
        return self.NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        from actions.mid_form import reply_to_held_hypotheses
        message = tracker.latest_message or {}
        if (message.get("intent") or {}).get("name") == "stop":
            # "stop on arrête le calcul. explique moi juste ce que c'est le plafond": after the cancel (utter_cancelled,
            # data/rules), the question the message carries is answered (tester T58 c25 got the cancel only); a cancel
            # alone says nothing more
            from actions.informational import side_question_answer
            carried = side_question_answer(message.get("text"), message.get("entities"))
            if carried:
                dispatcher.utter_message(text=carried)
            return []
        intent = other_question(tracker, self.NAME)
        clause = hypothesis_clause(tracker) if intent is None else None
        supposed = hypothesis_clause_answer(tracker, clause) if clause else None
        if supposed:
            # "il va avoir ses 12 points demain ? et si il se fait flasher aujourd'hui ?": what that offence would
            # change, on the answer just given (R5, R7; tester T36 c18 got the first half only)
            from actions.third_person import said_of_the_subject
            dispatcher.utter_message(text=said_of_the_subject(tracker, supposed))
            return []
        if intent is None:
            # "et si j'avais 4 points ?" typed while the form waited: answered now, on the answer just given
            held = reply_to_held_hypotheses(tracker)
            if held:
                dispatcher.utter_message(text=held)
            return []
        said = CollectingDispatcher()
        index = _asking_message(tracker)
        asked = (tracker.events[index].get("text") or "") if index is not None else ""
        capped = cap_of_the_offences_told(tracker) if intent == "ask_offence_points" and any(
            ASKS_THE_CAP.search(fold(clause)) for clause in question_clauses(asked)) else None
        if capped:
            # "c'est pas plafonné à 8 ? et un stage ça me remonte à combien": the cap's rule for the offences told,
            # not the last offence's points again (R3; tester T15 c35)
            dispatcher.utter_message(text=capped)
            return []
        if intent == "ask_suspension" and ASKS_SUSPENSION_END.search(fold(asked)):
            # "j'en aurai 9 ? et ma suspension finit quand du coup", its form's questions answered in between: the day
            # it ends, which the suspension's answer reads only in the latest message ("le 9 février"), not the card
            # of the first turn again (tester T44 c12)
            from actions.answers import when_driving_again
            from actions.third_person import said_of_the_subject
            clause = next((clause for clause in question_clauses(asked) if ASKS_SUSPENSION_END.search(fold(clause))),
                          asked)
            entities = [{"entity": fact.entity, "value": fact.value, "start": fact.start, "end": fact.end,
                         **({"role": fact.role} if fact.role else {})} for fact in extract_facts(clause, today())]
            # (the day asked, if any, is the question's, not the form's last reply: "le 9 février")
            world = Tracker(sender_id=tracker.sender_id, slots=tracker.current_slot_values(),
                            latest_message={"text": clause, "intent": {}, "entities": entities},
                            events=list(tracker.events), paused=False, followup_action=None, active_loop={},
                            latest_action_name="action_listen")
            ended = when_driving_again(world)
            if ended:
                dispatcher.utter_message(text=said_of_the_subject(tracker, ended))
                return [SlotSet("last_question", "action_answer_suspension")]
        stage = _stage_asked_after_the_balance(tracker, intent)
        if stage:
            # "…combien il me reste de points, et si je dois faire un stage" after the balance of several offences told:
            # whether a stage is compulsory (R15), not the offences' points again (tester T27 c32)
            dispatcher.utter_message(text=stage)
            return []
        events = await ask_or_answer(intent, said, tracker, domain)
        form = next((event.get("name") for event in events if event.get("event") == "followup"), None)
        if form is not None and form.endswith("_form"):
            from actions.answers import ONE_STAGE_A_YEAR_ASKED, answer_without_a_previous_stage
            from actions.forms import probation_balance
            meanwhile = await answer_without_a_previous_stage(tracker, domain, form)
            if meanwhile:
                # "Je peux faire un stage volontaire ? Et ça me rembourse l'amende ?": the stage's half answered now,
                # on the one assumption said (R13), before its form asks the previous stage once (T31 a28 got only
                # that question, never the "oui")
                dispatcher.utter_message(text=f"{meanwhile}\n{ONE_STAGE_A_YEAR_ASKED}")
                balance = probation_balance(tracker) if tracker.get_slot("current_balance") is None else None
                # (the balance the answer used is not said again by the form before its question)
                return [*([SlotSet("current_balance", balance)] if balance is not None else []), *events]
        # (an answer whose every line the first one already gave, in any order, is not said twice: the balance
        # told with the return dates is the recovery answer with its lines in another order, T1 c56)
        already = set()  # (other_question found the asking message: it is there)
        cited = set()
        for event in tracker.events[_asking_message(tracker) + 1:]:
            if event.get("event") == "bot":
                already |= _lines(event.get("text"))
                cited |= set(_ARTICLE_CITED.findall(event.get("text") or ""))
        said_left = {int(found) for line in already for found in _BALANCE_LEFT_SAID.findall(line)}
        for message in said.messages:
            text = message.get("text")
            if text and _lines(text) <= already:
                continue
            headline = _BALANCE_LEFT_HEADLINE.search(text.splitlines()[0]) if text and intent == "ask_check_balance" \
                else None
            if headline and int(headline.group(1)) in said_left:
                # "Il me reste combien ?" with the offences' points: the balance their answer said ("il vous reste 4
                # points"), not said again by the balance's own first line; its letter, risk and full recovery follow
                # (tester T31 a08 got the balance in three bubbles)
                text = "\n".join(line[2:] if line.startswith("- ") else line for line in text.splitlines()[1:])
                message = {**message, "text": text}
            if text:
                # (a line of it the first answer gave, the 48N stage's points with the balance, the balance and its
                # date caveat with the return dates, T8 c26, is not said twice; a headline said already stays
                # before the new lines it leads)
                lines = text.splitlines()
                kept = [line for line in lines if line.strip().lstrip("-").strip() not in already and not (
                    intent == "ask_offence_points" and _applied_already(line, cited))]
                if kept and kept[0].lstrip().startswith("- ") and lines[0] not in kept:
                    kept.insert(0, lines[0])
                message = {**message, "text": "\n".join(kept).strip()}
            dispatcher.messages.append(message)
        # (its answer does not chain another one: one second question per message)
        return [event for event in events if event != FollowupAction(self.NAME)]
