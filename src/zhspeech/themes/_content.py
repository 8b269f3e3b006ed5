"""The tokens topic models and networks are built from."""

from __future__ import annotations

import pandas as pd

#: Words of the policy genre that name no subject: the verbs of action (加强, 推进, 坚持, 建设 …), the adverbs and
#: adjectives of emphasis (积极, 全面, 切实 …) and the nouns of the work itself (工作, 任务, 问题 …), with 发展, which
#: a work report uses in nearly every paragraph. Kept out of topic models (``textmodel_topics``): they occur in every
#: topic and would lead each one, so a topic would be named by what every paragraph says instead of what it says.
GENERIC_TERMS: frozenset[str] = frozenset(
    """
    加强 推进 坚持 建设 加快 提升 提高 推动 促进 完善 实现 做好 落实 深化 开展 支持 发挥 增强 健全 扩大 取得 保持
    确保 着力 实行 采取 建立 改进 加大 做到 继续 进一步 坚决 抓好 搞好 努力 积极 大力 全面 切实 不断 认真 扎实 重要
    主要 重大 更加 更好 各项 各级 有关 一定 新的 工作 问题 方面 任务 要求 基础 发展 同志 全国 我们 今年 去年 明年
    """.split()
)


def content_tokens(tokens: pd.DataFrame, *, min_chars: int = 2) -> pd.DataFrame:
    """The tokens topic models and networks are built from: words (``is_word``), not stopwords, ≥ ``min_chars``.

    Single characters left after the stoplist (新, 搞, 正 …) are mostly fragments or function-like in this genre, so
    the default keeps terms of two characters or more. Terms are the tokens' ``norm`` where the table has it, so a
    traditional text's topics and network count 發展 and 发展 as one term, as the other statistics do.
    """
    if "norm" in tokens.columns:
        tokens = tokens.assign(token=tokens["norm"])
    keep = tokens["is_word"].astype(bool) & ~tokens["is_stop"].astype(bool)
    if min_chars > 1:
        keep &= tokens["token"].astype(str).str.len() >= min_chars
    return tokens.loc[keep]


def topic_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The content tokens a topic model is built from: :func:`content_tokens` without ``GENERIC_TERMS``."""
    content = content_tokens(tokens)
    return content.loc[~content["token"].astype(str).isin(GENERIC_TERMS)]
