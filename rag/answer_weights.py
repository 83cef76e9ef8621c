"""Weights of the extractive answerer (rag/answer.py), written by
``bench/fit_answerer.py --write``; refit after changing a feature (rag/evidence.py).

Fitted 2026-11-26 on news-dev (93 questions), SQuAD2 dev (250) and its left-out questions (58).
Out-of-fold, 10 folds, at REFUSE_AT: news-dev answered with a gold passage 0.743, unanswerable
refused 0.739; SQuAD2 dev answered with a gold passage 0.860, citation precision 0.954,
unanswerable refused 0.364; left-out refused 0.793.
"""

# Listwise ranker over the cheap features: picks the short list.
SHORTLIST = {
    'lex': 2.7301,
    'static': 3.5248,
    'static_prev': 1.0912,
    'title': -1.5708,
    'question': -0.9741,
    'rank0': 0.7522,
    'gap': -3.4892,
    'type_miss': -1.6611,
    'types_missing': -1.6779,
    'unit': 2.6865,
    'names': -0.7772,
    'names_near': -0.6437,
    'name_conflict': -0.6564,
    'names_passage': 0.9344,
    'speaker_near': 0.0042,
    'quote': 0.5329,
    'quoted_before': 0.8384,
    'near_quoted': 0.3656,
}
# Listwise ranker over all features: the answer's sentence.
RANK = {
    'lex': 0.9418,
    'static': 1.3997,
    'static_prev': 1.3921,
    'title': -1.5835,
    'question': -1.1895,
    'rank0': 0.6855,
    'gap': -2.0388,
    'type_miss': -1.2288,
    'types_missing': -1.2504,
    'unit': 2.1446,
    'names': -1.1170,
    'names_near': -0.8694,
    'name_conflict': -0.7894,
    'names_passage': 0.5805,
    'speaker_near': 0.0031,
    'quote': 0.4112,
    'quoted_before': -0.2342,
    'near_quoted': 0.3798,
    'cos': 2.4542,
    'maxsim': 1.7532,
    'unmatched': -1.8825,
}
# Logistic model: probability that the best sentence does not answer.
REFUSE = {
    'bias': 5.7165,
    'score': -0.1798,
    'admissible_gap': 2.8115,
    'margin': -0.2029,
    'cos': -1.5643,
    'maxsim': -6.3497,
    'unmatched': -1.8161,
    'lex': 0.3802,
    'passage_lex': -1.8728,
    'type_miss': -0.6580,
    'types_missing': -0.6580,
    'names_sentence': 1.7290,
    'names_near': -1.4775,
    'name_conflict': 0.6412,
    'names_any': 0.0000,
    'title': -4.2722,
    'retrieval': 0.6226,
    'followup': -2.8850,
}
REFUSE_AT = 0.55
