"""The words questions use, kept once: what is asked, money roles, conversation cues.

Roles are not a list per question: a figure's role is read from the words around it,
mapped here to the words the rules' own labels use (``base_label``, ``threshold_label``),
and matched against those labels in :mod:`policyqa.rules.bind`.
"""

from __future__ import annotations

import re

# What a question asks for (a question may ask several things).
ASKS: dict[str, re.Pattern[str]] = {
    "amount": re.compile(
        r"多少钱|多少万|多少资金|多少补贴|多少奖励|多少支持|多少配套|[补给拿奖配领]多少|最[多高]多少|能[拿领给补配]几"
        r"|(奖励|补贴|补助|资助|支持|配套|奖补)(多少|标准|金额|额度)|最[多高][能可]?[给补拿]|封顶|上限|金额|额度|几万|几百万"
        r"|给多少|能拿多少|多少$|多少[？?]|能有多少|能补|能配|配多少|怎么算|算一下|测算"
        r"|(补贴|支持|奖励)怎么(算|给)|百分之几|几个点|多少个点|比例是多少|什么比例|几成"
    ),
    "application": re.compile(
        r"(申报|申请|报名|递交|提交).{0,12}(时间|何时|啥时候|什么时候|几月|截止|系统|平台|网站|网址|渠道|入口|窗口)"
        r"|(何时|啥时候|什么时候|几月|哪天).{0,8}(申报|申请|报名)|(在哪|哪个系统|什么系统|哪个平台).{0,6}(报|申请)"
    ),
    "status": re.compile(
        r"生效|有效期|还有效|有效吗|正式发布|发布了|正式印发|施行|过期|到期|失效|废止|还能用|还算数|还在执行|还执行"
        r"|(是不是|还是|算|属于)征求意见|征求意见稿[吗呢？?]|征求意见阶段|定稿|正式(的|文件|发了|出台)[吗呢？?]?|是不是正式"
        r"|(政策|措施|办法|意见|\d条|八条)[^，。？?]{0,3}还能(申请|申报|享受|用)"
    ),
    "compare": re.compile(
        r"哪几个区|哪些区|各区|几个区|分别[^，。,；]{0,8}(?:多少|什么|哪些|怎么|如何|吗)|对比|比较|一样吗|有什么不同|区别"
        r"|哪个区|谁家"
    ),
    "who": re.compile(
        r"谁说了算|谁决定|谁审定|谁负责|谁来|由谁|哪个部门|哪个单位|哪个局|哪个机构|谁解释|谁拨|找谁|找哪"
    ),
    "eligibility": re.compile(
        r"能申请|能不能申请|可以申请|能报|能享受|符合|够不够|算不算|有没有资格|能拿到吗|能拿吗|能不能拿|能不能享受"
        r"|够格|够条件|够得上|能不能报|可以报|能申报|行不行|能行吗|有份|能不能给|给不给|还能拿吗|能不能申|能不能再(?:拿|领|申|报|享受)"
        r"|[能可]以?.{0,10}(申请|申报|报|享受|拿|领|要|获得|适用|算|计入)[^，。,；？?]{0,16}[吗么嘛]|还能.{0,6}吗"
        r"|是否(可以|能|符合|适用|属于)|可不可以(申请|申报|报|享受|拿|领|要)|适用吗|适不适用"
        r"|[能可]以?.{0,10}(申请|申报|报|享受|拿|领|要|获得|适用)[^，。,；？?]{0,16}不[？?]"  # 能拿…不？
        # 「只要增量过了500万就行吧」「增速无所谓吧」: a condition the user takes as enough, or as not needed.
        r"|就(行|可以|够|能拿|能申请|能报)了?[吧吗]|(无所谓|不用管|没关系|不影响|不重要)[吧吗]"
    ),
    # 「有什么支持」: the award is computed when a rule applies, but a clause without a figure still answers.
    "support": re.compile(
        r"有(啥|什么|哪些)(补贴|支持|奖励|补助|资金支持|扶持|政策)|怎么支持|咋支持"
        r"|有没有(说法|规定|政策|支持|补贴|奖励|提到|涉及|条款)|是否支持|支不支持|管不管"
        r"|有(补贴|支持|奖励|补助|扶持|资金|配套|说法)[吗么嘛没]|有没有[^，。？?]{1,10}的?(支持|补贴|奖励|扶持|政策|说法|规定)"
    ),
    "list": re.compile(r"哪些|有什么|有啥|都有|包括|几项|几条"),
}

# Colloquial words → the words rule labels use. Matching is on these expanded words.
ROLE_CUES: tuple[tuple[str, str], ...] = (
    ("市里", "市级"), ("市财政", "市级"), ("北京市", "市级"), ("市级", "市级"), ("市区两级", "市级"),
    ("国家级", "国家"), ("国家", "国家"), ("部里", "国家"), ("中央", "国家"),
    ("投了", "投资"), ("投资", "投资"), ("投进去", "投资"), ("砸了", "投资"), ("花了", "投入"), ("投入", "投入"),
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
)
# Words that make a figure an increase of something rather than its level.
INCREMENT = re.compile(r"增量|增加了?|增长了?|多了|多出|新增|涨了|提高了|上升了|增幅|多[干做卖挣赚产]了")
# Words that make a figure a fall: 「产值少了800万」 is no increment at all, whatever its size.
DECREASE = re.compile(r"(?:少了|下降了?|降了|减少了?|下滑了?|跌了|缩水了?|掉了|少[干做卖挣赚产]了)\s*$")
# A figure right after these is a level reached (营收过2000万), not a base to compute with.
REACHED_BEFORE = re.compile(
    r"(?:过|超过|超|达到|到了|到|满|不低于|突破|破|首次达到|首次到|第一次到|第一次过|首次过|头回到了?|头一回到了?"
    r"|冲过|冲到|冲上|迈过|跨过|跨上|上了)了?\s*$"
)
REACHED_AFTER = re.compile(r"^\s*(?:以上|及以上|出头)")
CAP_BEFORE = re.compile(r"(?:最高|最多|上限|封顶|顶格)\s*$")
# 没拿到市级资金 / 没有获得: the user says a figure or qualification is absent.
NEGATED = re.compile(
    r"(?:没|未|没有|还没|尚未|并未)(?:有)?(?:拿到|获得|申请到|得到|拿|获|申请|批|入选|认定|评上|给|拨|发|纳入|进入|进|取得)"
    r"|(?:不想|不愿意?|不打算|不肯|没法|无法)(?:承诺|保证)"  # 「不想承诺十年不迁」: a commitment the user won't make
    r"|(?:不是|并非|不具备|不具有)(?=独立|法人|规上|规模以上|高新|专精特新|制造业|工业)"  # 「不是独立法人」
)
# A claim the user wants confirmed: "…奖500万，是这样吧" / "听说…给1000万".
CLAIM = re.compile(r"是这样吧|是吗|对吧|对吗|没错吧|是不是|听说|据说|有人说|朋友说|好像是|应该是|吧[？?]|对不对|没错吧")
# Follow-up openers: the turn leans on the previous one.
FOLLOW_UP = re.compile(r"^(那|那么|那要是|那如果|如果是|要是|假如|换成|改成|还有|另外|再问|再说|那假如|同样|同理)")
# A new subject announces itself; these openers keep the previous one.
CONTINUES = re.compile(r"还能再|再拿|再给|还能拿|再领|还有多少")
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
    (re.compile(r"新入区|新迁入|新落地|新引进"), re.compile(r"老企业|干了好几年|好多年|多年的|早就在|一直在")),
    (re.compile(r"首次|第一次"),
     re.compile(r"第二次|又贷|再贷|又申请|又一次|第[二三四五]次|已经[^，。]{0,8}过一次|之前[^，。]{0,6}过"
                r"|又[^，。]{0,8}贷了|贷过|(?:\d{4}年|以前|曾经)[^，。]{0,10}(?:贷|拿|获得|认定)过")),
    (re.compile(r"不减少注册资本"), re.compile(r"(?<![不没])(?:(?:减少|降低|缩减)注册资本|减资)")),
    (re.compile(r"不迁离"), re.compile(r"(?<![不没])(?:迁走|迁出|搬走|迁离)")),
    (re.compile(r"不改变工业用地性质|不改变[^，。]{0,4}用地性质"),
     re.compile(r"(?:改成|改为|转为|变更为|变成)[^，。]{0,4}(?:商业|商办|住宅|办公)|(?<![不没])改变[^，。]{0,4}(?:用地|土地)性质"
                r"|(?:用地|土地)性质[^，。]{0,6}(?:改成|改为|转为|变更)")),
    (re.compile(r"不改变在本区的纳税义务"), re.compile(r"(?<![不没])(?:税务|纳税)[^，。]{0,4}(?:迁|转)走")),
    (re.compile(r"税务征管关系"),
     re.compile(r"税务(?:关系)?[^，。]{0,4}(?:还|仍)?在(?!亦庄|经开|开发区|本区)[\u4e00-\u9fff]{2}")),
)
