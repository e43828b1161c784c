<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Histogram</name>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="60" />
        <source>成绩分布</source>
        <translation>Score distribution</translation>
    </message>
</context>
<context>
    <name>ResultsWorkplace</name>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="94" />
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="99" />
        <source>签字（审核链下一步）</source>
        <translation>Sign (next review step)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="101" />
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="111" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="112" />
        <source>成绩与结果</source>
        <translation>Scores and results</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="117" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="122" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="127" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="183" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="242" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="120" />
        <source>0—100，最多一位小数；缺考填“缺考”</source>
        <translation>0–100, at most one decimal; type “缺考” if absent</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="121" />
        <source>录入（回车）</source>
        <translation>Enter (Return)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="123" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="127" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="138" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="183" />
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="124" />
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="126" />
        <source>纸质成绩须由两人分别录入，一致后才计入；不一致的行以红色标出。</source>
        <translation>Paper scores are typed by two people and count only when they agree; disagreements are shown in red.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="127" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="183" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="242" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="127" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="145" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="184" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="128" />
        <source>第一录入人</source>
        <translation>First typist</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="128" />
        <source>第二录入人</source>
        <translation>Second typist</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="128" />
        <source>第一次</source>
        <translation>First entry</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="128" />
        <source>第二次</source>
        <translation>Second entry</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="133" />
        <source>双人复核录入</source>
        <translation>Double entry</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="143" />
        <source>成绩分布</source>
        <translation>Score distribution</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="145" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="145" />
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="145" />
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="146" />
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="149" />
        <source>分配证书编号</source>
        <translation>Allocate certificate numbers</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="150" />
        <source>打印证书（PDF）…</source>
        <translation>Print certificates (PDF)…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="163" />
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="166" />
        <source>开始公示</source>
        <translation>Start publication</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="167" />
        <source>导出公示名单与确认单…</source>
        <translation>Export publication list and confirmation…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="168" />
        <source>导出官方表格…</source>
        <translation>Export official tables…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="181" />
        <source>公示与报表</source>
        <translation>Publication and tables</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="183" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="184" />
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="184" />
        <source>签字人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="184" />
        <source>处理</source>
        <translation>Penalty</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="185" />
        <source>违纪处理记录</source>
        <translation>Misconduct register</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="186" />
        <source>违纪处理</source>
        <translation>Misconduct</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="194" />
        <source>内部督导报告</source>
        <translation>Internal supervision report</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="236" />
        <source>正在读取成绩…</source>
        <translation>Reading scores…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="242" />
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="243" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="243" />
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="249" />
        <source>待第二人录入</source>
        <translation>Waiting for second typist</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="249" />
        <source>不一致</source>
        <translation>Mismatch</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="249" />
        <source>一致</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="254" />
        <source>审核状态：{0}</source>
        <translation>Review status: {0}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="266" />
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="266" />
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="266" />
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="266" />
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="271" />
        <source>合格 {0} 人，已分配证书编号 {1} 个</source>
        <translation>{0} passed, {1} certificate numbers allocated</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="278" />
        <source>尚未公示（成绩复审定稿后方可公示）</source>
        <translation>Not published yet (publication follows the second review)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="280" />
        <source>公示中</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="280" />
        <source>已结束</source>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="281" />
        <source>公示期 {0} 至 {1}（{2}个工作日），{3}</source>
        <translation>Publication {0} to {1} ({2} working days), {3}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="291" />
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="304" />
        <source>已录入，等待第二人录入</source>
        <translation>Entered; waiting for the second typist</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="304" />
        <source>与另一人录入的成绩不一致，请核对试卷</source>
        <translation>Differs from the other typist's entry; check the paper</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="305" />
        <source>两人录入一致，成绩已计入</source>
        <translation>Both entries agree; the score now counts</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="312" />
        <source>签字确认：请再次输入您的密码</source>
        <translation>To sign, enter your password again</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="317" />
        <source>审核签字</source>
        <translation>Review signature</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="324" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="330" />
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="324" />
        <source>重新打开已定稿成绩的理由：</source>
        <translation>Reason for reopening the approved scores:</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="327" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="337" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="346" />
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="327" />
        <source>重新打开后须重新走完内督审核、初审、复审。继续？</source>
        <translation>After reopening, the supervisor check, first and second review must be signed again. Continue?</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="337" />
        <source>为本批次合格考生分配证书编号？编号一经分配不再收回。</source>
        <translation>Allocate certificate numbers to the candidates who passed? Numbers once allocated are never taken back.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="342" />
        <source>已分配 {0} 个证书编号</source>
        <translation>{0} certificate numbers allocated</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="342" />
        <source>正在分配证书编号…</source>
        <translation>Allocating certificate numbers…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="346" />
        <source>以脱敏的姓名和证件号码公示本批次认定结果？</source>
        <translation>Publish this batch's results with masked names and ID numbers?</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="352" />
        <source>选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="369" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="393" />
        <source>已导出 {0} 个文件到 {1}</source>
        <translation>{0} files exported to {1}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="370" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="398" />
        <source>正在导出官方表格…</source>
        <translation>Exporting the official tables…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="403" />
        <source>保存证书 PDF</source>
        <translation>Save certificates PDF</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="406" />
        <source>正在生成证书…</source>
        <translation>Generating certificates…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="414" />
        <source>已生成 {0} 张证书：{1}</source>
        <translation>{0} certificates generated: {1}</translation>
    </message>
</context>
<context>
    <name>SupervisionForm</name>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="34" />
        <source>否决项（触犯任何一项即本次内督得分为0，且暂停本次认定）</source>
        <translation>Veto items (any one sets this supervision score to 0 and suspends the assessment)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="42" />
        <source>内督人员意见或其他问题说明</source>
        <translation>Internal supervisor's opinion or other remarks</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="43" />
        <source>内督人员意见</source>
        <translation>Internal supervisor's opinion</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="45" />
        <source>签字保存督导报告</source>
        <translation>Sign and save the supervision report</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="68" />
        <source>总分：{0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="75" />
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="75" />
        <source>签字确认：请再次输入您的密码</source>
        <translation>To sign, enter your password again</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="82" />
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/supervision_form.py" line="85" />
        <source>已签字保存，总分：{0}</source>
        <translation>Signed and saved, total {0}</translation>
    </message>
</context>
</TS>