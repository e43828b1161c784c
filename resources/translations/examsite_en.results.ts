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
    <name>MisconductPanel</name>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="27" />
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="51" />
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="32" />
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="53" />
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="36" />
        <source>违纪事实：时间、地点、经过</source>
        <translation>Facts: time, place, what happened</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="39" />
        <source>证据：收缴物品、照片说明等</source>
        <translation>Evidence: items taken, photos, etc.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="41" />
        <source>视频标记编号（可选）</source>
        <translation>Video bookmark id (optional)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="42" />
        <source>已提醒，考生拒不改正</source>
        <translation>Warned; the candidate refused to comply</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="44" />
        <source>提醒时间、提醒人、考生反应</source>
        <translation>When warned, by whom, the candidate's response</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="46" />
        <source>（第七条适用）</source>
        <translation>(for Article 7)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="47" />
        <source>情节轻微（2年）</source>
        <translation>Minor (2 years)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="48" />
        <source>情节严重（5年）</source>
        <translation>Serious (5 years)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="49" />
        <source>保存违纪记录</source>
        <translation>Save the misconduct record</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="52" />
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="54" />
        <source>事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="55" />
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="56" />
        <source>视频标记</source>
        <translation>Video bookmark</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="58" />
        <source>情节</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="60" />
        <source>工作人员签字…</source>
        <translation>Staff signature…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="61" />
        <source>考场负责人确认…</source>
        <translation>Room head confirmation…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="62" />
        <source>记录已告知</source>
        <translation>Record notice given</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="63" />
        <source>作出处理决定</source>
        <translation>Make the decision</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="64" />
        <source>处理决定告知书 PDF…</source>
        <translation>Decision notice PDF…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="99" />
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="110" />
        <source>已保存，须经2名工作人员签字</source>
        <translation>Saved; two staff members must sign</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="113" />
        <source>签字人用户名：</source>
        <translation>Signer's user name:</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="116" />
        <source>签字人密码：</source>
        <translation>Signer's password:</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="121" />
        <source>工作人员签字</source>
        <translation>Staff signature</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="123" />
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="130" />
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="145" />
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="130" />
        <source>确认后处理即生效（成绩取消、禁考）。继续？</source>
        <translation>Once confirmed the penalty takes effect (scores void, ban). Continue?</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="132" />
        <source>考场负责人确认</source>
        <translation>Room head confirmation</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="134" />
        <source>已确认，处理已生效</source>
        <translation>Confirmed; the penalty is in effect</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="139" />
        <source>告知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="139" />
        <source>告知方式（如当面送达）：</source>
        <translation>How the notice was given (e.g. in person):</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="141" />
        <source>已记录告知</source>
        <translation>Notice recorded</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="145" />
        <source>作出书面处理决定？</source>
        <translation>Make the written decision?</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="146" />
        <source>已作出处理决定</source>
        <translation>Decision made</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="153" />
        <source>保存告知书</source>
        <translation>Save the notice</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/misconduct_panel.py" line="156" />
        <source>已生成告知书：{0}</source>
        <translation>Notice generated: {0}</translation>
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
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="246" />
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
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="246" />
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
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="190" />
        <source>违纪处理</source>
        <translation>Misconduct</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="198" />
        <source>内部督导报告</source>
        <translation>Internal supervision report</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="240" />
        <source>正在读取成绩…</source>
        <translation>Reading scores…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="246" />
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="247" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="247" />
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="253" />
        <source>待第二人录入</source>
        <translation>Waiting for second typist</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="253" />
        <source>不一致</source>
        <translation>Mismatch</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="253" />
        <source>一致</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="258" />
        <source>审核状态：{0}</source>
        <translation>Review status: {0}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="270" />
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="270" />
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="270" />
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="270" />
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="275" />
        <source>合格 {0} 人，已分配证书编号 {1} 个</source>
        <translation>{0} passed, {1} certificate numbers allocated</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="283" />
        <source>尚未公示（成绩复审定稿后方可公示）</source>
        <translation>Not published yet (publication follows the second review)</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="285" />
        <source>公示中</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="285" />
        <source>已结束</source>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="286" />
        <source>公示期 {0} 至 {1}（{2}个工作日），{3}</source>
        <translation>Publication {0} to {1} ({2} working days), {3}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="296" />
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="309" />
        <source>已录入，等待第二人录入</source>
        <translation>Entered; waiting for the second typist</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="309" />
        <source>与另一人录入的成绩不一致，请核对试卷</source>
        <translation>Differs from the other typist's entry; check the paper</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="310" />
        <source>两人录入一致，成绩已计入</source>
        <translation>Both entries agree; the score now counts</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="317" />
        <source>签字确认：请再次输入您的密码</source>
        <translation>To sign, enter your password again</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="322" />
        <source>审核签字</source>
        <translation>Review signature</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="329" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="335" />
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="329" />
        <source>重新打开已定稿成绩的理由：</source>
        <translation>Reason for reopening the approved scores:</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="332" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="342" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="351" />
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="332" />
        <source>重新打开后须重新走完内督审核、初审、复审。继续？</source>
        <translation>After reopening, the supervisor check, first and second review must be signed again. Continue?</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="342" />
        <source>为本批次合格考生分配证书编号？编号一经分配不再收回。</source>
        <translation>Allocate certificate numbers to the candidates who passed? Numbers once allocated are never taken back.</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="347" />
        <source>已分配 {0} 个证书编号</source>
        <translation>{0} certificate numbers allocated</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="347" />
        <source>正在分配证书编号…</source>
        <translation>Allocating certificate numbers…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="351" />
        <source>以脱敏的姓名和证件号码公示本批次认定结果？</source>
        <translation>Publish this batch's results with masked names and ID numbers?</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="357" />
        <source>选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="374" />
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="398" />
        <source>已导出 {0} 个文件到 {1}</source>
        <translation>{0} files exported to {1}</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="375" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="403" />
        <source>正在导出官方表格…</source>
        <translation>Exporting the official tables…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="408" />
        <source>保存证书 PDF</source>
        <translation>Save certificates PDF</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="411" />
        <source>正在生成证书…</source>
        <translation>Generating certificates…</translation>
    </message>
    <message>
        <location filename="../work/wt-results/app/ui/results/workplace.py" line="419" />
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