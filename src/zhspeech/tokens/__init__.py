"""``Speech`` → token table: jieba with the project lexicon and the terms each text marks, POS tags, stopwords."""

from .lexicon import load_lexicon, read_lexicon
from .pipeline import compare_posseg, get_tokenizer, simple_sentences, speech_tokens, text_terms, tokenize
from .stopwords import keep_words, stopwords

__all__ = [
    "compare_posseg",
    "get_tokenizer",
    "keep_words",
    "load_lexicon",
    "read_lexicon",
    "simple_sentences",
    "speech_tokens",
    "stopwords",
    "text_terms",
    "tokenize",
]
