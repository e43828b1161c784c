<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AvoidancePanel</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="489" />
        <source>考评员</source>
        <translation>Grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="489" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="489" />
        <source>情形</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="489" />
        <source>处理</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="490" />
        <source>回避情形</source>
        <translation>Avoidance conflicts</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="491" />
        <source>允许（写明理由）(&amp;A)</source>
        <translation>&amp;Allow (with reason)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="507" />
        <source>{0} 允许：{1}</source>
        <translation>Allowed by {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="507" />
        <source>未处理</source>
        <translation>Unresolved</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="519" />
        <source>允许评分</source>
        <translation>Allow scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="519" />
        <source>允许 {0} 为考生 {1} 评分的理由：</source>
        <translation>Reason for allowing {0} to score candidate {1}:</translation>
    </message>
</context>
<context>
    <name>ChiefPanel</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="311" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="311" />
        <source>各考评员总分</source>
        <translation>Graders' totals</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="311" />
        <source>分差</source>
        <translation>Spread</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="311" />
        <source>汇总</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="311" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="311" />
        <source>裁定理由</source>
        <translation>Decision reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="312" />
        <source>分歧列表</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="313" />
        <source>考评员</source>
        <translation>Grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="313" />
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="313" />
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="313" />
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="313" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="313" />
        <source>更正理由</source>
        <translation>Correction reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="314" />
        <source>裁定(&amp;D)</source>
        <translation>&amp;Decide</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="319" />
        <source>分差超过阈值的考生</source>
        <translation>Candidates whose scores differ beyond the threshold</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="321" />
        <source>该考生的全部评分表（含更正版本）</source>
        <translation>All sheets of this candidate (including corrections)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="356" />
        <source>纸质</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="356" />
        <source>机评</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="362" />
        <source>请先选择考生</source>
        <translation>Select a candidate first</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="375" />
        <source>已裁定：{0} 分</source>
        <translation>Decided: {0} points</translation>
    </message>
</context>
<context>
    <name>GraderStation</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="72" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="72" />
        <source>工位</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="72" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="72" />
        <source>我的评分</source>
        <translation>My sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="72" />
        <source>回避</source>
        <translation>Avoidance</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="73" />
        <source>考生列表</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="75" />
        <source>考核项目</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="75" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="75" />
        <source>评分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="75" />
        <source>配分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="75" />
        <source>评分标准 / 扣分说明</source>
        <translation>Criteria / deductions</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="76" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="77" />
        <source>评分表</source>
        <translation>Scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="82" />
        <source>请选择考生</source>
        <translation>Select a candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="87" />
        <source>签字(&amp;S)</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="88" />
        <source>更正(&amp;R)</source>
        <translation>Co&amp;rrect</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="89" />
        <source>拍考件照片(&amp;P)</source>
        <translation>&amp;Photo of work piece</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="124" />
        <source>（隐藏）</source>
        <translation>(hidden)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="149" />
        <source>准考证号 {0}　工位 {1}</source>
        <translation>Ticket {0}  Workstation {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="159" />
        <source>（{0} 分钟）</source>
        <translation> ({0} min)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="163" />
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="167" />
        <source>填「是」或「否」</source>
        <translation>Enter yes (y) or no (n)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="167" />
        <source>0—{0}，0.5 分为单位</source>
        <translation>0–{0}, in steps of 0.5</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="191" />
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="193" />
        <location filename="../../app/ui/scoring/workplace.py" line="251" />
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="193" />
        <source>未签字，尚有 {0} 项未评</source>
        <translation>Not signed, {0} items left</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="194" />
        <source>（第 {0} 版）</source>
        <translation> (version {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="195" />
        <source>合计 {0} 分　{1}{2}</source>
        <translation>Total {0}  {1}{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="240" />
        <source>准考证号 {0} 的评分表</source>
        <translation>Scoring sheet of ticket {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="257" />
        <source>更正评分表</source>
        <translation>Correct scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="258" />
        <source>已签字的评分表不会被改动，更正将另存为新版本。
更正理由：</source>
        <translation>The signed sheet stays unchanged; the correction is saved as a new version.
Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="277" />
        <source>考件</source>
        <translation>Work piece</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="279" />
        <source>考件照片已保存（{0}）</source>
        <translation>Work-piece photo saved ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="281" />
        <source>正在拍照…</source>
        <translation>Taking photo…</translation>
    </message>
</context>
<context>
    <name>PaperEntryPanel</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="645" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="649" />
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="651" />
        <source>准考证号(&amp;T)：</source>
        <translation>&amp;Ticket no.:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="653" />
        <source>考评员：</source>
        <translation>Grader:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="657" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="657" />
        <source>评分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="657" />
        <source>配分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="657" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="658" />
        <source>纸质评分表录入</source>
        <translation>Paper sheet entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="665" />
        <source>否决项</source>
        <translation>Veto item</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="671" />
        <source>保存本人录入(&amp;S)</source>
        <translation>&amp;Save my entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="707" />
        <source>两人录入一致，评分表已记录</source>
        <translation>Both entries agree; the sheet is recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="709" />
        <source>与另一人的录入有 {0} 处不一致（红色），请对照纸质评分表核对</source>
        <translation>{0} items differ from the other entry (red); check against the paper sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="712" />
        <source>本人录入未完成</source>
        <translation>My entry is incomplete</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="714" />
        <source>已保存，等待另一人录入</source>
        <translation>Saved; waiting for the second entry</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="451" />
        <source>评分完成情况</source>
        <translation>Scoring completeness</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="465" />
        <source>工位</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="465" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="465" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="479" />
        <source>全部签字</source>
        <translation>All signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="479" />
        <source>未完成</source>
        <translation>Incomplete</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="289" />
        <source>组长裁定 — {0}</source>
        <translation>Chief's decision — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="291" />
        <source>各考评员的评分表不会被改动；裁定与理由单独记录。</source>
        <translation>The graders' sheets are not changed; the decision and its reason are recorded separately.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="294" />
        <source>裁定成绩(&amp;S)：</source>
        <translation>&amp;Score:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="295" />
        <source>裁定理由(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="297" />
        <source>确定裁定</source>
        <translation>Confirm decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="298" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Scoring</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="31" />
        <source>发生意外错误：{0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
</context>
<context>
    <name>ScoringWorkplace</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="726" />
        <source>认定计划(&amp;B)：</source>
        <translation>&amp;Batch:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="751" />
        <source>尚无导入了评分记录表的认定计划</source>
        <translation>No batch has a scoring sheet template yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="776" />
        <source>评分表与考评组</source>
        <translation>Template and graders</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="778" />
        <source>评分</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="780" />
        <source>分歧与裁定</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="782" />
        <source>完成情况</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="784" />
        <source>成绩汇总</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="785" />
        <source>回避</source>
        <translation>Avoidance</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="787" />
        <source>纸质评分表录入</source>
        <translation>Paper sheet entry</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="539" />
        <source>导入评分记录表(&amp;I)…</source>
        <translation>&amp;Import scoring template…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="545" />
        <source>考评组成员</source>
        <translation>Group member</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="545" />
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="545" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="546" />
        <source>可选考评员</source>
        <translation>Available graders</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="549" />
        <source>组建考评组(&amp;G)</source>
        <translation>Form &amp;grader group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="556" />
        <source>考评组长(&amp;C)：</source>
        <translation>&amp;Chief grader:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="568" />
        <source>评分记录表：{0}（考核项目 {1} 个，评分项 {2} 个）</source>
        <translation>Scoring template: {0} ({1} tasks, {2} items)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="571" />
        <source>尚未导入评分记录表</source>
        <translation>No scoring template imported yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="595" />
        <source>评分已开始，考评组已锁定</source>
        <translation>Scoring has started; the group is locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="599" />
        <source>选择评分记录表</source>
        <translation>Choose scoring template</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="604" />
        <source>已导入：{0}</source>
        <translation>Imported: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="611" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="623" />
        <source>考评组已组建</source>
        <translation>Grader group formed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="625" />
        <source>；有 {0} 处回避情形，须更换考评员或由考场负责人允许</source>
        <translation>; {0} avoidance conflicts must be resolved (swap the grader or the room head allows)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="90" />
        <source>签字确认</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="93" />
        <source>{0}：{1}
签字后不能修改；如需更正须另写理由。</source>
        <translation>{0}: {1}
A signed sheet cannot be changed; a correction needs a written reason.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="97" />
        <source>登录密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="100" />
        <source>手写签名：</source>
        <translation>Handwritten signature:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="103" />
        <source>清除签名(&amp;C)</source>
        <translation>&amp;Clear signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="109" />
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="110" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="121" />
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="124" />
        <source>请手写签名</source>
        <translation>Draw your signature</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="21" />
        <source>请在此处手写签名</source>
        <translation>Sign here by hand</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="386" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="386" />
        <source>准考证号码</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="386" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="386" />
        <source>实操成绩</source>
        <translation>Practical score</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="386" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="386" />
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="387" />
        <source>实操成绩汇总</source>
        <translation>Practical summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="390" />
        <source>签署汇总表(&amp;S)</source>
        <translation>&amp;Sign summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="391" />
        <source>导出汇总表 PDF(&amp;E)</source>
        <translation>&amp;Export summary PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="413" />
        <source>考评组长</source>
        <translation>chief grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="413" />
        <source>成员</source>
        <translation>member</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="413" />
        <source>，汇总已变，需重签</source>
        <translation>, summary changed, sign again</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="414" />
        <source>已签署：</source>
        <translation>Signed by: </translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="416" />
        <source>无</source>
        <translation>nobody</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="419" />
        <source>实操（综合成绩）汇总表</source>
        <translation>Practical (comprehensive) score summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="430" />
        <source>已签署汇总表</source>
        <translation>Summary signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="435" />
        <source>导出汇总表</source>
        <translation>Export summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="440" />
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="441" />
        <source>正在生成 PDF…</source>
        <translation>Generating PDF…</translation>
    </message>
</context>
</TS>