"""Weights of the extractive answerer (rag/answer.py), written by
``bench/fit_answerer.py --write``; refit after changing a feature (rag/evidence.py).

Fitted 2026-12-07 on news-dev (93 questions) and SQuAD2 dev (250); its 58 left-out questions are
only scored. Out-of-fold, 10 folds, at REFUSE_AT: news-dev answered with a gold passage 0.829,
unanswerable refused 0.739; SQuAD2 dev answered with a gold passage 0.884, citation precision
0.939, unanswerable refused 0.271; left-out refused 0.466.
"""

# Listwise ranker over the cheap features: picks the short list.
SHORTLIST = {
    'lex': 2.8926,
    'static': 3.5770,
    'static_prev': 1.0442,
    'title': -1.5736,
    'question': -1.0054,
    'rank0': 0.7321,
    'gap': -3.1417,
    'type_miss': -1.6375,
    'types_missing': -1.6396,
    'unit': 2.6724,
    'names': -0.8406,
    'names_near': -0.7887,
    'name_conflict': -0.5764,
    'names_passage': 1.4228,
    'speaker_near': 2.2461,
    'quote': 0.4640,
    'quoted_before': 0.6401,
    'near_quoted': 0.2586,
}
# Listwise ranker over all features: the answer's sentence.
RANK = {
    'lex': 1.1761,
    'static': 1.3276,
    'static_prev': 1.2913,
    'title': -1.5891,
    'question': -1.1432,
    'rank0': 0.7104,
    'gap': -1.8390,
    'type_miss': -1.1974,
    'types_missing': -1.2006,
    'unit': 1.9499,
    'names': -1.2010,
    'names_near': -0.8680,
    'name_conflict': -0.6815,
    'names_passage': 0.9522,
    'speaker_near': 2.0353,
    'quote': 0.3993,
    'quoted_before': -0.4655,
    'near_quoted': 0.3536,
    'cos': 2.0443,
    'maxsim': 1.7066,
    'unmatched': -2.0197,
    'slot_miss': -0.9493,
    'slot_bound': 0.6001,
}
# Logistic model: probability that the best sentence does not answer.
REFUSE = {
    'bias': 6.3372,
    'score': -0.3020,
    'admissible_gap': 4.6655,
    'margin': -0.2109,
    'cos': -3.2535,
    'maxsim': -5.7086,
    'unmatched': -3.4923,
    'lex': 1.6582,
    'passage_lex': -2.9622,
    'type_miss': -0.4893,
    'types_missing': -0.4893,
    'names_sentence': 1.1838,
    'names_near': 0.0382,
    'name_conflict': 1.4136,
    'names_any': 0.0000,
    'title': -4.0898,
    'retrieval': 0.6886,
    'followup': -2.2877,
}
REFUSE_AT = 0.75
