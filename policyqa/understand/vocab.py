"""The words questions use, kept once: what is asked, money roles, conversation cues.

Roles are not a list per question: a figure's role is read from the words around it,
mapped here to the words the rules' own labels use (``base_label``, ``threshold_label``),
and matched against those labels in :mod:`policyqa.rules.bind`.
"""

from __future__ import annotations

import re

# 「这笔钱一般几月份发」: when the money is paid out (an application-window question of its own kind).
PAYOUT = re.compile(r"(?:何时|啥时候|什么时候|几月份?|哪个月)[^，。？?]{0,4}(?:发|发放|拨付|到账|兑现|兑付)")
# What a question asks for (a question may ask several things).
ASKS: dict[str, re.Pattern[str]] = {
    "amount": re.compile(
        r"多少钱|多少万|多少资金|多少补贴|多少奖励|多少支持|多少配套|[补给拿奖配领返退减免抵发]多少|出资多少|多少税|最[多高]多少|能[拿领给补配返]几"
        r"|多少个?[亿万]"
        r"|(奖励|补贴|补助|资助|支持|配套|奖补)(多少|标准|金额|额度)|最[多高][能可]?[给补拿]|封顶|上限|金额|额度|几万|几百万"
        r"|给多少|能拿多少|多少$|多少[？?]|能有多少|能补|能配|配多少|怎么算|算一下|测算"
        r"|(补贴|支持|奖励)怎么(算|给)|百分之几|几个点|多少个点|比例是多少|什么比例|几成"
        r"|(?:怎么|咋|如何)(?:给|发|补)钱|给钱(?:怎么|咋)给"  # 「丰台怎么给钱」
    ),
    "application": re.compile(
        r"(申报|申请|报名|递交|提交).{0,12}(时间|何时|啥时候|什么时候|几月|截止|系统|平台|网站|网址|渠道|入口|窗口)"
        r"|(何时|啥时候|什么时候|几月|哪天).{0,8}(申报|申请|报名)|(在哪|哪个系统|什么系统|哪个平台).{0,6}(报|申请)"
        r"|(?:去|到|找)哪(?:里|儿|个部门)?(?:申请|申报|报|办)|(?:怎么|如何|咋)(?:申请|申报|办理|报名)|(?:申请|申报)(?:流程|手续)"
        r"|咨询电话|联系电话|联系方式|咨询热线|热线电话|热线是|网址|邮箱|电话(?:号码)?(?:是)?多少|电话号码"
        r"|" + PAYOUT.pattern
    ),
    "status": re.compile(
        # (a certificate's or title's expiry — 「证书到期后重新认定」 — is not the policy's)
        r"生效|有效期|还有效|有效吗|正式发布|发布了|正式印发|施行|(?<!证书)(?<!证)(?<!资质)(?:过期|到期|失效)|废止|还能用|还算数"
        r"|还在执行|还执行|管几年|管多久|有效几年|几年有效|期限多长|多长时间有效"  # 「…8条政策，管几年」
        r"|(是不是|还是|算|属于)征求意见|征求意见稿[吗呢？?]|征求意见阶段|定稿|正式(的|文件|发了|出台)[吗呢？?]?|是不是正式"
        r"|(政策|措施|办法|意见|\d条|八条)[^，。？?]{0,3}还能(申请|申报|享受|用)"
    ),
    "compare": re.compile(
        r"哪几个区|哪些区|各区|几个区|分别[^，。,；]{0,8}(?:多少|什么|哪些|怎么|如何|吗)|对比|比较|一样吗|有什么不同|区别"
        r"|哪个区|谁家|哪个(?:更)?[多高大]|哪边(?:更)?[多高大]|谁(?:更)?[多高大]|哪个给得多|哪边给得多"
    ),
    "who": re.compile(
        r"谁说了算|谁决定|谁审定|谁认定|谁评|谁批|谁负责|谁来|由谁|哪个部门|哪个单位|哪个局|哪个机构|谁解释|谁拨|找谁|找哪"
        r"|[局委办]定还是|谁定|谁拍板|谁定夺|谁做主|谁敲定|谁把关"  # 「是科信局定还是财政局定」
        r"|以(?:谁|哪个)[^，。？?]{0,6}为准|听谁的"  # 「批多少钱以谁的审定为准」「以谁审的为准」
        # 「牵头的责任单位是哪个」
        r"|责任单位是(?:哪|谁|什么)|牵头(?:的)?(?:单位|部门)?是(?:哪|谁)|(?:谁|哪个(?:局|部门|单位))牵头"
        r"|(?:哪些|哪几个|什么)(?:部门|单位|部委)(?=[^，。？?]{0,6}(?:认定|评定|批|审|负责|管|组织|拨|定))"
        r"|(?:认定|评定|审批|评审)(?:部门|单位|机构)|(?:部门|单位|机构)(?:联合)?(?:认定|评定|批准)"
    ),
    "eligibility": re.compile(
        r"能申请|能不能申请|可以申请|能报|能享受|符合|够不够|算不算|有没有资格|能拿到吗|能拿吗|能不能拿|能不能享受"
        r"|够格|够条件|够得上|够得着|够不够得着|沾得上|沾边|挨得上|能不能报|可以报|能申报|行不行|能行吗|有份|能不能给|给不给|还能拿吗|能不能申|能不能再(?:拿|领|申|报|享受)"
        r"|[能可]以?.{0,10}(申请|申报|申|报|享受|拿|领|要|获得|适用|算|计入|给)[^，。,；？?]{0,16}(?:吗|嘛|(?<!什)么)|还能.{0,6}吗"
        r"|还(?:给|配套|配|补|支持|贴)[^，。？?]{0,4}(?:吗|嘛|(?<!什)么)"  # 「区里还配套吗」
        r"|能(?:拿|领|申请|申报)[^，。？?]{0,30}的钱(?:吗|嘛|(?<!什)么)"  # 「能拿丰台…研发平台那条的钱吗」
        r"|是否(可以|能|符合|适用|属于)|可不可以(申请|申报|报|享受|拿|领|要)|适用吗|适不适用"
        r"|[能可]以?.{0,10}(申请|申报|申|报|享受|拿|领|要|获得|适用)[^，。,；？?]{0,16}不(?:[？?]|$)"  # 能拿…不？
        # 「只要增量过了500万就行吧」「增速无所谓吧」: a condition the user takes as enough, or as not needed.
        r"|就(行|可以|够|能拿|能申请|能报)了?[吧吗]|(无所谓|不用管|没关系|不影响|不重要)[吧吗]"
        # 「是不是得先进那个企业库」「需不需要先认定」: a precondition asked about.
        r"|是不是得|是不是要先|是否需要|是否必须|需不需要|要不要先|必须先|得先[^，。？?]{0,12}(?:吗|嘛|(?<!什)么)"
        r"|是不是要[^，。？?]{0,16}才"  # 「是不是要连续三年保持规上才给」
        r"|是不是(?:还|也)(?:能|可以)|还能不能|能不能(?:顺便|同时|一起|也)"  # 「是不是还能顺便拿个…的奖」
        # 「还能按…扶持办法再申请技改支持吗」「能不能按…第一条申报」: the measure named between
        r"|(?:还能|能不能|可不可以|能否)[^，。？?]{0,24}(?:申请|申报|享受|适用|报(?:一次|一下|个)?[吗么嘛不]"
        # 「还能再按…第十四条再拿一份吗」「再贴一次吗」
        r"|(?:拿|领|贴|补)(?:一份|一次|一笔|双份|两份)?(?:吗|嘛|(?<!什)么))"
        r"|还能(?:走|用)[^，。？?]{0,24}(?:吗|嘛|(?<!什)么)"  # 「还能走首次贷款贴息吗」
        r"|(?:申请|申报|享受)[^。？?]{0,30}[，,]\s*(?:可以|行|能行|能)(?:吗|么|不|嘛)"  # 「想申请…若干措施，可以吗」
        r"|(?:跟|和|与)[^，。？?]{0,8}有(?:没有)?关系|有关系[吗么嘛]|有关[吗么嘛]"  # 「那套措施跟我们有关系吗」
    ),
    # 「有什么支持」: the award is computed when a rule applies, but a clause without a figure still answers.
    "support": re.compile(
        r"有(啥|什么|哪些)(补贴|支持|奖励|补助|资金支持|扶持|政策)|怎么支持|咋支持|(?:怎么|咋)(?:奖|补|配套|扶持)"
        r"|(?:配|补|奖|给)不(?:配|补|奖|给)"  # 「丰台配不配套」「给不给补」
        r"|有没有(说法|规定|政策|支持|补贴|奖励|提到|涉及|条款)|是否支持|支不支持|管不管"
        r"|有(补贴|支持|奖励|补助|扶持|资金|配套|说法)[吗么嘛没]|有没有[^，。？?]{1,10}的?(支持|补贴|奖励|扶持|政策|说法|规定|贴息)"
        r"|有(?:政策|资金|专项|相关)?(?:支持|扶持|贴息)(?:政策)?[吗么嘛]"  # 「经开区有政策支持吗」「有贴息吗」
        r"|有(?:相关|对应|专门)?的?政策(?:吗|嘛|没有?)"  # 「这块有政策吗」
        r"|有没有(?:管|针对|覆盖|涉及)[^，。？?]{0,10}的"  # 「扶持办法里有没有管我们这种的」
        r"|有[^，。？?有]{1,10}?(补贴|补助|奖励|扶持)(?:吗|嘛|(?<!什)么)"  # 「丰台有展位费补贴吗」
        # 「有能沾上边的吗」
        r"|有(?:没有)?[^，。？?]{0,4}(?:沾上边|沾边|挨上边|挨得上|用得上|对得上)的?(?:吗|嘛|(?<!什)么)?"
    ),
    "list": re.compile(r"哪些|有什么|有啥|都有|包括|几项|几条|哪[两二三四五六七八九十几]个|是哪几"),
}

# 「丰台能拿到什么」「能享受哪些」: what the asker can get — the support there is, and whether it is theirs.
WHAT_CAN_GET = re.compile(r"(?:能|可以)[^，。？?]{0,4}(?:拿|领|得到|获得|享受)到?(?:啥|什么|哪些)")

# Colloquial words → the words rule labels use. Matching is on these expanded words.
ROLE_CUES: tuple[tuple[str, str], ...] = (
    ("市里", "市级"), ("市财政", "市级"), ("北京市", "市级"), ("市级", "市级"), ("市区两级", "市级"),
    ("国家级", "国家"), ("国家", "国家"), ("部里", "国家"), ("中央", "国家"),
    ("多投了", "投入"), ("投了", "投资"), ("投资", "投资"), ("投进去", "投资"), ("砸了", "投资"), ("花了", "投入"),
    ("投入", "投入"),
    ("固定资产", "固定资产"), ("固投", "固定资产"),
    ("设备", "设备"), ("软件", "软件"), ("买了", "投入"), ("采购", "投入"),
    ("研发", "研发费用"), ("研发费", "研发费用"), ("研发投入", "研发费用"),
    ("营收", "营业收入"), ("营业收入", "营业收入"), ("收入", "营业收入"),
    ("销售额", "营业收入"), ("销售收入", "营业收入"),
    ("产值", "产值"), ("工业产值", "产值"),
    ("合同", "合同金额"), ("合同额", "合同金额"),
    ("补贴", "补贴"), ("补助", "补贴"), ("奖励", "奖励"), ("资金", "资金"), ("给了", "资金"), ("拨了", "资金"),
    ("批下来", "资金"), ("批了", "资金"), ("拿了", "资金"), ("拿到", "资金"), ("获得", "资金"), ("支持", "支持"),
    ("首台套", "首台"), ("首台", "首台"), ("首批次", "首批次"), ("流片", "流片"), ("首试首用", "首试首用"),
    ("改造", "改造"), ("5g", "5G"), ("绿色工厂", "绿色工厂"), ("零碳", "零碳工厂"),
    ("课题", "课题"),
    # Costs no rule pays on: a figure named so is never another's base (「另外厂房一年租金80万」).
    ("租金", "租金"), ("房租", "租金"), ("工资", "工资"),
)
# A city bureau named by its short form (市经信局, 市科委, 市发改委) pays 市级 money, as 市里 does.
CITY_BUREAU = re.compile(r"(?<![城都超门])市(?:经信|经济和信息化|科|发改|财政|商务|工信|知识产权|人社|国资)[局委厅]")
# Words that make a figure an increase of something rather than its level.
INCREMENT = re.compile(r"增量|增加了?|增长了?|增了|多了|多出|新增|涨了|提高了|上升了|增幅|多[干做卖挣赚产投花]了"
                       r"|比[^，。,；]{0,6}多(?=\d)")
# Words that make a figure a fall: 「产值少了800万」 is no increment at all, whatever its size.
DECREASE = re.compile(r"(?:少了|下降了?|降了|减少了?|下滑了?|跌了|缩水了?|掉了|少[干做卖挣赚产]了)\s*$")
# A figure right after these is a level reached (营收过2000万), not a base to compute with.
REACHED_BEFORE = re.compile(
    r"(?:过|超过|超|达到|到了|到|满|不低于|突破|破|首次达到|首次到|第一次到|第一次过|首次过|头回到了?|头一回到了?"
    r"|冲过|冲到|冲上|迈过|跨过|跨上|上了)了?\s*$"
)
REACHED_AFTER = re.compile(r"^\s*(?:以上|及以上|出头)")
# 「最高补5000万」「最多能给500万」: the maximum, with the verb of giving between.
CAP_BEFORE = re.compile(r"(?:最高|最多|上限|封顶|顶格)(?:能|可以|可|就)?"
                        r"(?:补|给|奖|拿|发|配|支持|补贴|奖励|资助|到)?\s*$")
# 没拿到市级资金 / 没有获得: the user says a figure or qualification is absent.
NEGATED = re.compile(
    r"(?:没|未|没有|还没|尚未|并未)(?:有)?(?:拿到|获得|申请到|得到|拿|获|申请|批|入选|认定|评上|给|拨|发|纳入|进入|进|取得)"
    r"|(?:不想|不愿意?|不打算|不肯|没法|无法)(?:承诺|保证)"  # 「不想承诺十年不迁」: a commitment the user won't make
    r"|(?:不是|并非|不具备|不具有)(?=独立|法人|规上|规模以上|高新|专精特新|制造业|工业)"  # 「不是独立法人」
    r"|(?:不在|没在|没进|未进|不属于)(?=[^，。？?；]{0,12}(?:名单|库|目录|名录|之列|范围))"  # 「不在发展伙伴名单上」
    r"|(?:不是|并非|不属于)(?=[^，。？?；]{0,10}(?:伙伴|单位|链长|链主|成员))"  # 「不是发展伙伴，也不是链长单位」
    r"|(?:没有|没|无)(?=(?:区级|市级|国家级|省级)(?:的|认定|称号|资质|牌子))"  # 「只有街道给的认定，没有区级的」
)
# 「是不是得先进那个企业库」「需不需要先认定」: a requirement asked about (its object in group 1).
PRECONDITION = re.compile(r"(?:是不是得|是不是要先?|是否需要|是否必须|需不需要|要不要先|必须先|得先)([^，。？?]{2,20})")
# A claim the user wants confirmed: "…奖500万，是这样吧" / "听说…给1000万".
# Hearsay names who said it, not only 听说: 听同行说, 听财务讲, 朋友说.
HEARSAY = (r"听说|据说|听[^，,。？?！!；;]{1,4}?[说讲]|(?:有人|同行|朋友|别人|人家|同事|别家)(?:都|也)?[说讲]"
           r"|好像是|应该是")
CLAIM = re.compile(r"有这回事吗|有这回事儿吗|有这事吗|是这个(?:数|金额|额度|标准)吗?[？?]|"
                   r"是这样吧|是这样吗|是这样的吗|是真的吗|真的吗|是吗|是么|对吧|对吗|对么|没错吧|没错吗|属实吗|是不是"
                   rf"|{HEARSAY}|吧(?:[？?]|$)|对不对|没问题吧|没毛病吧|准确吗|准不准|靠谱吗|可以这么说吗")
# A benefit the question takes as existing (听说…有X / 是不是有个X / 不是有X吗): group 1 is X, to be checked
# against the documents before it is answered as if real.
PRESUMED = re.compile(
    rf"(?:(?:{HEARSAY})[^，,。？?！!；;]{{0,14}}?|是不是|是否|不是|好像)有(?:个|一个|项|一项|条|一条|种|那种)?"
    r"([^，,。？?！!；;]{2,24}?)(?:的(?:政策|规定|说法|支持|补贴|待遇))?(?:吗|嘛|么|[，,。？?！!；;]|$)"
    rf"|(?:{HEARSAY})([^，,。？?！!；;]{{2,30}})"  # 「听说门头沟对新落户的企业头三年房租全免」: the whole report
)
# Where the user believes a measure stands (「我记得是门头沟的政策」「好像是怀柔的吧」): a claim of place, no topic.
ATTRIBUTED = re.compile(r"(?:我)?(?:记得|印象中|好像|以为|应该)是?[^，,。？?！!；;]{1,8}?的"
                        r"(?:政策|措施|规定|文件)?(?:吧|吗)?")
# A benefit the user says a document states (「那个实施意见说…入选的人才每人给50万安家费」): group 1 is the benefit
# from its granting verb on, to be checked against the documents' words.
REPORTED = re.compile(r"(?:措施|办法|政策|文件|意见|条款|规定|细则)(?:里|中|上)?(?:说|写着|写了|写的|规定|提到)"
                      r"[^，,。？?！!；;\s]{0,20}?([给奖补发免送返][^，,。？?！!；;\s]{1,16})")
# A benefit asserted with its figure and a tag question (「新落户企业有500万开办费补贴对吧」): group 1 is the
# benefit, figure included, to be checked against the documents' words before any clause is quoted for it.
ASSERTED = re.compile(r"有(?:个|一个|项|一项|条|一条|种)?([^，,。？?！!；;有]{2,24}?)(?:的(?:政策|规定|说法))?"
                      r"[，,]?(?:对吧|是吧|对不对|没错吧|对吗|是吗)")
# The city's own standard asked (「北京市级层面…市级补贴标准到底是多少」): the documents are district policies.
CITY_ASKED = re.compile(r"(?:北京)?市级?层面|市里(?:的|那边)?(?:补贴)?(?:标准|比例)|市级(?:的)?补贴(?:标准|比例)"
                        r"|市里(?:给|按|补)(?:多少|几)|市级(?:补贴)?(?:给|按)(?:多少|百分之几)")
# What it takes to be recognised (「小巨人认定对营收和研发占比有啥硬杠杠」), not what the recognised get.
CRITERIA_ASKED = re.compile(r"(?:认定|评定|评上|评选|申请认定)[^，。？?]{0,12}"
                            r"(?:标准|条件|门槛|硬杠杠|硬性要求|指标|比例要求)|(?:到|达到|满)多少(?:才)?算"
                            r"|硬杠杠|硬性要求"
                            r"|量化(?:的)?(?:标准|指标)")  # 「高成长性有没有量化标准」 (怎么界定 asks a glossary entry)
# A number to call or a site to visit (「咨询电话多少」), not a sum; 「打电话问」 only tells how the question came.
CONTACT = re.compile(r"(?<!打)电话|联系方式|咨询热线|热线电话|热线是|网址|邮箱|联系人")
# The rate itself is asked (「按研发投入的百分之几算」), not what it comes to.
RATE_ASKED = re.compile(r"百分之几|几个点|多少个点|比例(?:是|为)?多少|什么比例|多大比例|几成|按多少比例|比例怎么定")
# Follow-up openers: the turn leans on the previous one.
# (a later year said first leans back as well: 「下一年要是做到8.6个亿」)
LATER_YEAR = r"明年|下一年|下年|来年"  # a year after the one the user spoke of
FOLLOW_UP = re.compile(rf"^(?:{LATER_YEAR}|后年|第[二三两]年)?[，,]?"
                       r"(那|那么|那要是|那如果|如果是|要是|假如|换成|改成|还有|另外|再问|再说|那假如|同样|同理)")
# A new subject announces itself; these openers keep the previous one.
CONTINUES = re.compile(r"还能再|再拿|再给|还能拿|再领|还有多少")
BOTH_AWARDS = re.compile(r"这?两笔|这?两项|这?两块")  # 「两笔一共最多多少」: the awards the earlier turn was about
LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("国家级", ("国家级", "国家")),
    ("市级", ("市级", "北京市", "市里", "省市级")),
    ("区级", ("区级",)),
)
QUALIFICATIONS = (
    "国家高新技术企业", "高新技术企业", "专精特新中小企业", "专精特新", "小巨人", "规上", "规模以上",
    "链主", "孵化器", "特色园区", "灯塔工厂", "智能工厂", "首台（套）", "首台套", "工业企业", "软件和信息服务业",
)

# Requirements a clause states and what users say that contradicts them (one table for every rule
# and clause): 「大中型重点企业」 vs 「我们是小微企业」, 「新入区的揭榜企业」 vs 「干了好几年的老企业」.
EXCLUSIVE: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"大中型|大型|中型"), re.compile(r"小微|小型企业|微型企业|初创")),
    # 「揭榜的是在丰台干了十几年的老合作伙伴」: an incumbent is no new entrant.
    (re.compile(r"新入区|新迁入|新落地|新引进"),
     re.compile(r"老企业|老(?:合作)?伙伴|老客户|老供应商|干了好几年|好多年|多年的|早就在|一直在"
                r"|(?:干|做|开|待)了(?:十几|二十几|几十|好几|[两三四五六七八九十\d]{1,3})年")),
    (re.compile(r"首次|第一次"),
     re.compile(r"第二次|又贷|再贷|又申请|又一次|第[二三四五]次|已经[^，。]{0,8}过一次|之前[^，。]{0,6}过"
                r"|又[^，。]{0,8}贷了|贷过|(?:\d{4}年|以前|曾经)[^，。]{0,10}(?:贷|拿|获得|认定|进|纳入|入选|评上)过"
                r"|重新(?:纳入|进入|认定|入选|评上|进)|又(?:重新)?(?:纳入|进了|进入|入选)|再次(?:纳入|认定|入选)")),
    # 「商量明年减一部分注册资本」 breaks the commitment as 减少注册资本 does.
    (re.compile(r"不减少注册资本"), re.compile(r"(?<![不没])(?:(?:减少|降低|缩减)注册资本|减资"
                                          r"|减(?:掉|了)?一部分注册资本|减[一些点少]{1,2}注册资本"
                                          r"|注册资本[^，。不没]{0,10}(?:减|砍|缩|降))")),
    # 「外地公司在亦庄设的分公司」: a branch has no legal personality of its own (独立法人或非法人 would take it).
    (re.compile(r"独立法人资格"), re.compile(r"分公司|分支机构|办事处")),
    # 「过五六年可能搬去天津」 leaves; 「刚搬到亦庄」 arrives.
    (re.compile(r"不迁离"), re.compile(r"(?<![不没])(?:迁走|迁出|搬走|迁离|搬离|搬出"
                                      r"|(?:搬|迁)(?:去|到|往)(?!亦庄|经开|开发区|本区|这|这里|这边)[\u4e00-\u9fff]{2})")),
    (re.compile(r"不改变工业用地性质|不改变[^，。]{0,4}用地性质"),
     re.compile(r"(?:改成|改为|转为|变更为|变成|改造成)[^，。]{0,4}(?:商业|商办|住宅|办公|写字楼|公寓|酒店|商场)|(?<![不没])改变[^，。]{0,4}(?:用地|土地)性质"
                r"|(?:用地|土地)性质[^，,。没未不]{0,6}(?:改成|改为|转为|变更)")),  # (「性质没动,改成…」 keeps it)
    # 「我们是规模以下的」 against a clause or definition for 规模以上 firms.
    (re.compile(r"规模以上"), re.compile(r"规模以下|规下|(?:不到|没到|没达到|达不到)规模|不是规上|非规上")),
    (re.compile(r"不改变在本区的纳税义务"), re.compile(r"(?<![不没])(?:税务|纳税)[^，。]{0,4}(?:迁|转)走")),
    (re.compile(r"税务征管关系"),
     re.compile(r"税务(?:关系)?[^，。]{0,10}(?:还|仍)?在(?!亦庄|经开|开发区|本区)[\u4e00-\u9fff]{2}")),
)


# A verb and its object said apart (「揭了区里一个安全应急场景的榜」): the joined term the clauses use (揭榜), so the
# side the user is on names its rule.
_SPLIT_TERMS = ((re.compile(r"揭了([^，,。？?！!；;]{1,14}?)榜"), "揭榜"),
                (re.compile(r"发了([^，,。？?！!；;]{1,14}?)榜"), "发榜"))


def rejoin(text: str) -> str:
    for pattern, term in _SPLIT_TERMS:
        text = pattern.sub(lambda m, t=term: f"{t}{m[1]}榜", text)
    # 「按两成配套」「补三成」: tenths said in words are the rate the documents write as a percentage
    return _TENTHS.sub(lambda m: f"{_TENTH[m[1]]}0%", text)


_TENTH = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_TENTHS = re.compile(r"(?<=[按补给配拿贴的是占])([一二两三四五六七八九])成(?![立果本为套功熟长交员绩效就型品分])")

# 「产值目标是多少」「各自产值要冲到多少」: a plan's target asked, not an award (with no award word around).
TARGET_ASKED = re.compile(r"(?:目标|规模|总产值|总量|总体目标)[^，。？?]{0,6}(?:多少|几)"
                          r"|(?:产值|规模|营收|收入)[^，。？?]{0,4}(?:要|得|需要?|计划|争取|力争)"
                          r"(?:冲|达|做|突破|实现|干)?到?(?:多少|几)")
AWARD_WORD = re.compile(r"给|奖|补|拿|支持|配套|资助|扶持|贴")
