"""Hand-written interpretations of the speech the kit was first built for, one per notebook.

Each was written about ``config.SPEECH_PATH`` (任贤良, 2024) and checked against its text; ``readings.interpretation``
shows one only when the file read is that speech (SHA-256 ``config.SPEECH_SHA256``), never on another text.
They hold the interpretation; the counts they rest on are computed by the readings shown above them.
"""

INTERPRETATIONS: dict[str, str] = {
    "01_structure": """\
*An interpretation of the speech the kit was first built for — 任贤良, secretary-general of the World Internet
  Conference (世界互联网大会), 2024; checked against its text. It is shown only for that file.*

- **A three-step argument: idea → institution → action.** Section 一 (回答时代课题…) presents the community with
  a shared future in cyberspace as Xi Jinping's answer to a question of the era, anchored in two dated speeches
  (2015 and 2023). Section 二 (打造一流国际组织…) turns to the institution the author heads, the World Internet
  Conference, and its record. Section 三 (奋力展现新作为…) commits that institution to future work (大会将…).
- **Section 二 carries the most weight.** It is the longest section and holds five of the thirteen points: the
  secretary-general's article is, above all, an account of his own organization's work under the leader's
  concept.
- **Section 一 mirrors the leader's formula.** Its three points are the three initiatives of the 三个倡导
  (发展优先, 安危与共, 文明互鉴), each cast in the same frame *倡导X，构建更加Y的网络空间* — the text restates
  the formula before it reports on its implementation (notebook 03 finds such parallel frames automatically).
- **The opening is short and dated:** two paragraphs tie the whole piece to Xi's video address of 8 November
  2023 and its call to move the community "to a new stage" (迈向新阶段), which the title repeats.
- **The source was assembled from pages:** four paragraphs were cut mid-sentence, the heading 二、 is marked at
  a different markdown level (##) from its siblings (###), and one doubled character (国际社会化化解分歧) looks
  like a typo — none of which changes the counts once repaired.
""",
    "02_vocabulary": """\
*An interpretation of the speech the kit was first built for (任贤良, 2024), checked against its text and shown
  only for that file; the counts are in the tables and readings above.*

- **A speech about development and cooperation as much as about the internet.** The most frequent content terms
  are words of development and joint action — 发展, 全球, 合作, 推动, 构建 — next to 互联网 and 网络空间. The
  title concept 网络空间命运共同体 is concentrated: it sits in the framing paragraphs — the opening, the history
  of the idea in section 一, the point on putting the idea into practice
  (持续推进构建网络空间命运共同体理念落地) and most of section 三 — and is absent from the three 倡导 points of
  section 一 and from the four thematic points of section 二 (platforms, digital economy, governance, culture).
- **The concept travels as a fixed formula.** In 22 of its 24 occurrences in the text (title and headings
  included) 构建 comes right before it, often after 携手 or 推动, and 迈向新阶段 follows it six times: 携手构建
  / 推动构建网络空间命运共同体迈向新阶段 repeats the wording of Xi Jinping's 2023 message almost verbatim. The
  n-gram table shows the same chain.
- **Nominal, naming style.** Nouns outnumber verbs, and verbal nouns (发展, 合作, 建设) add to the nominal
  weight; against general Chinese the copula 是 is significantly under-used.
- **Distinctive against general Chinese** are, first, the speech's own names — 网络空间, 网络空间命运共同体,
  世界互联网大会, 国际组织, 数字经济 — and then the verbs of the genre, 构建 and 推动. A one-topic speech
  against sixty million words of general text differs almost everywhere, so read the log ratio and the counts,
  not the p-value.
- **Sections.** Section 一 (the three 倡导) over-uses 要, 更加 and 安全 — the normative register of 要尊重… and
  更加和平安全; section 二 over-uses 世界互联网大会 and 全球 — the institution's record. Section 三's leading
  terms do not survive the FDR adjustment: its vocabulary is mostly shared with the rest.
- **The digital is economic and developmental.** Few of the words containing 数字 are the bare word; most are
  compounds such as 数字经济, 数字领域, 数字鸿沟 and 数字化转型, and their neighbours (建设, 发展中国家,
  实体经济, 经济社会) frame the digital as economy and development, and as a gap to close for developing
  countries (`zhspeech.textstat_collocations(tokens, "数字", substring=True)` shows it).
- **Length.** The longest sentence lists the organization's six new historical missions, 一是 … 六是, in section
  二.
""",
    "03_themes": """\
*An interpretation of the speech the kit was first built for (任贤良, 2024), checked against its text and shown
  only for that file; the counts are in the tables and readings above.*

- **The frame is stated twice.** Section 1 (回答时代课题) expounds the 三个倡导 that Xi Jinping proposed at the
  2023 乌镇峰会, one point each: every sentence of the 倡导发展优先 paragraph is coded 发展, every sentence of
  the 倡导安危与共 paragraph 安全, every sentence of the 倡导文明互鉴 paragraph 文明, and section 1 has the
  highest share of all three. Section 2, about the 世界互联网大会 as an international organization, mentions the
  initiatives least: it speaks the language of platforms and the digital economy instead. Section 3 brings the
  frame back as a programme of work: its points 促进共同繁荣, 倡导有序发展…维护网络空间和平安全 and 加强交流互鉴
  are again coded 发展, 安全 and 文明 throughout, in the same order as in section 1. The speech opens with the
  initiatives as Xi's proposal and closes with them as the organization's tasks.
- **Themes.** 合作与平台 is the most frequent theme and dominates section 2 (more than half of its sentences),
  followed there by 技术与数字经济: the organization presents itself through its forums, expos and member
  networks. 治理 is strongest in section 3, where the speech turns to rules and 全球数字治理. 中国方案 is rare
  but placed: 中国智慧, 中国方案 and 大国担当 appear where the speech credits Xi's 2015 proposal and the
  organization's record, and 中华文明 in the very last paragraph. With token matching the 命运共同体 theme loses
  nearly all its sentences, because the concept is written inside the single token 网络空间命运共同体.
- **Topics.** On twenty paragraphs the coherence curve is flat, so the topics are a reading aid next to the
  codebook. Security forms no topic of its own: the codebook, coding sentence by sentence, keeps 安全 apart; a
  factorization of twenty paragraphs cannot.
- **Network.** The communities echo the themes without being told them — the concept with 构建 and 理念, the
  platform vocabulary (平台, 搭建, 国际交流, 凝聚), the digital economy (数字经济, 创新, 技术). The strongest
  links are fixed collocations: 习近平 never appears without 主席, nor 迈向 without 阶段; the strongest frequent
  pair is 网络空间命运共同体 with 构建.
- **Formulas.** The speech anchors itself in three formulas of Xi's: the 四项原则 and 五点主张 of 2015, both in
  one sentence, and the 三个倡导 of 2023, mentioned twice — where it is introduced in section 1 and at the
  opening of section 3, framing the whole closing programme. 一带一路 is counted too: a numbered name in the
  same pattern.
- **Enumerations.** The one enumeration is the list of six new historical missions (历史使命) of the
  organization in section 2: consensus on the idea, the digital economy, technological innovation, cultural
  exchange, rule-making, dialogue and cooperation. Every item opens with 在…上, a parallel frame inside the
  list.
- **Parallel frames.** The sentence-level frame is the speech's skeleton: 倡导X，构建更加Y的网络空间 with X =
  发展优先 / 安危与共 / 文明互鉴 and Y = 普惠繁荣 / 和平安全 / 平等包容 — the three point leads of section 1,
  which repeat the three adjectives of the section heading. The clause-level frames are the rhythm of official
  prose: 发展好、运用好、治理好; 因多样而交流，因交流而互鉴，因互鉴而发展; 以文载道、以文传声，以文化人.
- **Quotations.** Only one person speaks: 习近平, quoted three times — twice with the same words on the 2023
  summit (指出 in the opening, 强调 in section 1: 共同推动构建网络空间命运共同体迈向新阶段, the phrase the title
  takes up) and once on culture going abroad (以文载道…). Every other pair of quotation marks sets off a term:
  the formulas, slogans (携手构建网络空间命运共同体), the names of the organization's programmes (互联网之光,
  直通乌镇), and the targets of criticism (脱钩断链, 搞小圈子).
- **Documents.** The six documents are all the organization's own or ones it answers: the 2019 concept paper and
  the 2020 action initiative on the community with a shared future, the UN 《全球数字契约》, its AI charity
  plan, its showcase of technology and its collection of cross-border e-commerce cases — the paper trail of the
  claim that the idea has become practice.
- **Timeline.** Sorted by date, the dates tell the story the speech builds: the first 乌镇峰会 (2014), Xi's
  四项原则 and 五点主张 at the second (2015-12-16), the concept paper (2019) and action initiative (2020), the
  showcase of cases (2021), the founding of the international organization (2022-07-12), the youth programme and
  the 尼山 dialogue (2023), Xi's 三个倡导 at the tenth summit (2023-11-08, told twice), and the organization's
  forums of this year (今年2月 in Spain, 今年4月16日 in 西安, both in 2024). A decade in which an idea proposed
  by Xi becomes an organization with a work programme — the arc from 理念 to 实践 the speech claims in section
  2.
- **Named entities.** The organization names itself again and again and 习近平 is the only person; the places
  are the stages of its events (乌镇, 西安, 西班牙, 尼山) and the multilateral bodies listed in section 3
  (联合国, 二十国集团, 金砖国家 …). Single mentions deserve a look in the text: a tagger can take a phrase for a
  name.
""",
}
