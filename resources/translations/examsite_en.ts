<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="20"/>
        <source>发生意外错误：{0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="24"/>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="30"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="31"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="41"/>
        <source>「{0}」工作台正在开发中（问题 #{1}），暂不可用。</source>
        <translation>The “{0}” workplace is still being built (issue #{1}) and is not available yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="42"/>
        <source>「{0}」工作台暂不可用。</source>
        <translation>The “{0}” workplace is not available.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="28"/>
        <location filename="../../app/ui/common/files.py" line="38"/>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="28"/>
        <source>无法读取 PDF 文件：{0}</source>
        <translation>Cannot read the PDF file: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="33"/>
        <source>打印 {0}</source>
        <translation>Print {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="38"/>
        <source>打印机无法开始打印，请检查打印机是否连接</source>
        <translation>The printer cannot start: check that it is connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="59"/>
        <source>文件已生成</source>
        <translation>File written</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="65"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="67"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="70"/>
        <source>打开所在文件夹</source>
        <translation>Open its folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="72"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/files.py" line="88"/>
        <source>已写出：{0}</source>
        <translation>Written: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="56"/>
        <source>认定批次 {0}</source>
        <translation>Batch {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="56"/>
        <source>尚无认定批次</source>
        <translation>No batch yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="71"/>
        <source>查看操作日志：谁在何时做了什么</source>
        <translation>See the journal: who did what and when</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="84"/>
        <source>评价机构信息已填写：{0}</source>
        <translation>Institution details entered: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="85"/>
        <source>填写评价机构信息</source>
        <translation>Enter the institution details</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="87"/>
        <source>导入认定计划和考生名册</source>
        <translation>Import the batch plan and the roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="93"/>
        <source>考生名册已导入：{0} 名考生</source>
        <translation>Roster imported: {0} candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="93"/>
        <source>导入考生名册</source>
        <translation>Roster imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="97"/>
        <source>理论题库已导入</source>
        <translation>Question bank imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="97"/>
        <source>导入本职业、本等级的理论题库</source>
        <translation>Import the question bank for this occupation and level</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="101"/>
        <source>试卷已由两名保管人封存（{0}）</source>
        <translation>Papers sealed by two custodians ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="102"/>
        <source>组卷并由两名保管人封存试卷</source>
        <translation>Assemble the papers and have two custodians seal them</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="104"/>
        <source>已为本批次分配工作人员 {0} 人</source>
        <translation>{0} staff assigned to this batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="105"/>
        <source>为本批次分配监考、考评等工作人员</source>
        <translation>Assign proctors, graders and other staff to this batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="107"/>
        <source>已登记摄像头 {0} 路</source>
        <translation>{0} cameras registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="107"/>
        <source>登记考场摄像头</source>
        <translation>Register the room cameras</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="113"/>
        <source>考前自检已完成（{0}）：{1}</source>
        <translation>Readiness self-test done ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="114"/>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="114"/>
        <source>有未通过的项目</source>
        <translation>Some checks failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="117"/>
        <source>开考前运行考前自检并签名</source>
        <translation>Run and sign the readiness self-test before the exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="134"/>
        <source>{0}：还有 {1} 名考生没有成绩</source>
        <translation>{0}: {1} candidates have no score yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="136"/>
        <source>全部考生的成绩已录入</source>
        <translation>Every candidate&apos;s scores are entered</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="141"/>
        <source>{0}：应于 {1} 前完成，已逾期</source>
        <translation>{0}: due by {1}, overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="143"/>
        <source>{0}：{1} 前完成（还剩 {2} 个工作日）</source>
        <translation>{0}: due by {1} ({2} working days left)</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="157"/>
        <source>检录事件待处理：{0} {1}（{2}）</source>
        <translation>Door incident to handle: {0} {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="163"/>
        <source>违纪记录待您确认：{0} {1}</source>
        <translation>Misconduct record to confirm: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="165"/>
        <source>迟到考生 {0}（{1} 到达）等待您决定是否放行</source>
        <translation>Late candidate {0} (arrived {1}) waits for your decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="168"/>
        <source>没有待处理的检录事件、违纪记录或迟到考生</source>
        <translation>No door incident, misconduct record or late arrival waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="169"/>
        <source>查看考场：座位图、终端与考生作答</source>
        <translation>See the room: seat map, terminals and sittings</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="180"/>
        <source>本批次的评分记录表或考评组尚未设置：请考务人员导入评分表、管理员组建考评组</source>
        <translation>The score sheet or the grader group is not set up yet: the office imports the sheet, the administrator forms the group</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="185"/>
        <source>还有 {0} 名考生待评分并签字（{1}{2}）</source>
        <translation>{0} candidates still to score and sign ({1}{2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="188"/>
        <source>您的评分表已全部签字</source>
        <translation>All your score sheets are signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="192"/>
        <source>{0} 名考生的考评员评分相差过大，需组长裁定</source>
        <translation>{0} candidates&apos; scores differ too much: the chief decides</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="201"/>
        <source>考场终端 {0} 台，在线 {1} 台</source>
        <translation>{0} room terminals, {1} online</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="204"/>
        <source>还没有登记的考试终端：请考场负责人在监考台连接终端</source>
        <translation>No exam terminal enrolled yet: the room head connects them in the proctor console</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="215"/>
        <source>成绩已录入，待您进行内督审核并签字</source>
        <translation>Scores are entered: your internal review and signature are due</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="216"/>
        <source>审核状态：{0}</source>
        <translation>Review status: {0}</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="112"/>
        <source>新建账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="120"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="120"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="121"/>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="121"/>
        <source>所在单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="122"/>
        <source>督导员证卡编号</source>
        <translation>Supervisor card no.</translation>
    </message>
</context>
<context>
    <name>AvoidancePanel</name>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="24"/>
        <source>考评员</source>
        <translation>Grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="24"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="24"/>
        <source>情形</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="24"/>
        <source>处理</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="25"/>
        <source>回避情形</source>
        <translation>Avoidance conflicts</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="26"/>
        <source>允许（写明理由）(&amp;A)</source>
        <translation>&amp;Allow (with reason)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="43"/>
        <source>{0} 允许：{1}</source>
        <translation>Allowed by {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="43"/>
        <source>未处理</source>
        <translation>Unresolved</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="55"/>
        <source>允许评分</source>
        <translation>Allow scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="55"/>
        <source>允许 {0} 为考生 {1} 评分的理由：</source>
        <translation>Reason for allowing {0} to score candidate {1}:</translation>
    </message>
</context>
<context>
    <name>CameraConfig</name>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="21"/>
        <source>摄像头配置</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="22"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="22"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="22"/>
        <location filename="../../app/ui/cameras/config.py" line="44"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="22"/>
        <location filename="../../app/ui/cameras/config.py" line="45"/>
        <source>考场编号</source>
        <translation>Room code</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="23"/>
        <location filename="../../app/ui/cameras/config.py" line="48"/>
        <source>视频源</source>
        <translation>Video source</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="28"/>
        <source>如 R01-F（英文字母与数字）</source>
        <translation>e.g. R01-F (letters and digits)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="30"/>
        <source>如 前方全景</source>
        <translation>e.g. front, whole room</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="32"/>
        <source>如 R01（烧录到画面）</source>
        <translation>e.g. R01 (burned into the picture)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="34"/>
        <source>摄像头序号 0、rtsp://… 或视频文件路径</source>
        <translation>Camera index 0, rtsp://… or a video file path</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="35"/>
        <source>视频文件循环播放（演示）</source>
        <translation>Loop the video file (demo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="36"/>
        <source>测试(&amp;T)</source>
        <translation>&amp;Test</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="37"/>
        <source>添加摄像头(&amp;A)</source>
        <translation>&amp;Add camera</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="38"/>
        <source>点击「测试」查看一帧画面</source>
        <translation>Press “Test” to see one frame</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="46"/>
        <source>摄像头编号</source>
        <translation>Camera code</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="47"/>
        <source>名称/位置</source>
        <translation>Name / position</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="78"/>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="78"/>
        <source>请先填写视频源</source>
        <translation>Enter the video source first</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="81"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="91"/>
        <source>测试失败：{0}</source>
        <translation>Test failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="93"/>
        <source>正在从视频源取一帧画面…</source>
        <translation>Taking one frame from the source…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/config.py" line="105"/>
        <source>添加摄像头</source>
        <translation>Add camera</translation>
    </message>
</context>
<context>
    <name>CameraTile</name>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="63"/>
        <source>信号中断，正在自动重连</source>
        <translation>Signal lost, reconnecting</translation>
    </message>
</context>
<context>
    <name>CameraWall</name>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="86"/>
        <source>开始录像(&amp;R)</source>
        <translation>Start &amp;recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="87"/>
        <source>停止录像(&amp;S)</source>
        <translation>&amp;Stop recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="88"/>
        <source>刷新摄像头列表</source>
        <translation>Refresh camera list</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="117"/>
        <source>尚未配置摄像头：请在「摄像头配置」中添加</source>
        <translation>No camera configured yet: add one under “Cameras”</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="147"/>
        <source>共 {0} 路，{1}</source>
        <translation>{0} cameras, {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="147"/>
        <source>录像中</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="147"/>
        <source>仅预览</source>
        <translation>Preview only</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="175"/>
        <source>开始录像</source>
        <translation>Start recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="175"/>
        <source>正在启动录像…</source>
        <translation>Starting recording…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="179"/>
        <location filename="../../app/ui/cameras/wall.py" line="197"/>
        <source>停止录像</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="180"/>
        <source>考试期间应全程录像。确定停止全部摄像头的录像吗？</source>
        <translation>The exam must be recorded throughout. Stop recording on every camera?</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="198"/>
        <source>正在关闭录像分段…</source>
        <translation>Closing the recording segments…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="212"/>
        <source>磁盘空间不足</source>
        <translation>Disk nearly full</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="213"/>
        <source>摄像头 {0}：{1}</source>
        <translation>Camera {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/wall.py" line="213"/>
        <source>录像已停止</source>
        <translation>Recording stopped</translation>
    </message>
</context>
<context>
    <name>CamerasWorkplace</name>
    <message>
        <location filename="../../app/ui/cameras/workplace.py" line="23"/>
        <source>监控墙</source>
        <translation>Camera wall</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/workplace.py" line="24"/>
        <source>摄像头配置</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/workplace.py" line="25"/>
        <source>考场情况与录像</source>
        <translation>Incidents and video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/workplace.py" line="26"/>
        <source>录像记录</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/workplace.py" line="27"/>
        <source>保存期限</source>
        <translation>Retention</translation>
    </message>
</context>
<context>
    <name>CheckinArea</name>
    <message>
        <location filename="../../app/ui/checkin/workplace.py" line="20"/>
        <source>检录台</source>
        <translation>Check-in desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/workplace.py" line="24"/>
        <source>场次、排座与打印</source>
        <translation>Sessions, seating and printing</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/workplace.py" line="29"/>
        <source>门口情况</source>
        <translation>Door incidents</translation>
    </message>
</context>
<context>
    <name>CheckinWorkplace</name>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="101"/>
        <location filename="../../app/ui/checkin/desk.py" line="147"/>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="106"/>
        <source>扫码或输入</source>
        <translation>Scan or type</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="107"/>
        <source>扫描准考证二维码，或输入准考证号 / 证件号码 / 证件号码后6位，回车</source>
        <translation>Scan the ticket QR code, or type the ticket number / ID number / last 6 of the ID number, then Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="110"/>
        <location filename="../../app/ui/checkin/desk.py" line="111"/>
        <location filename="../../app/ui/checkin/desk.py" line="254"/>
        <source>名册照片</source>
        <translation>Roster photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="112"/>
        <location filename="../../app/ui/checkin/desk.py" line="113"/>
        <source>现场画面</source>
        <translation>Live picture</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="123"/>
        <source>考场与座位</source>
        <translation>Room and seat</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="125"/>
        <location filename="../../app/ui/checkin/desk.py" line="182"/>
        <location filename="../../app/ui/checkin/desk.py" line="256"/>
        <source>请扫码</source>
        <translation>Please scan</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="126"/>
        <source>提示</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="130"/>
        <source>候选考生</source>
        <translation>Matching candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="134"/>
        <source>各考场人数</source>
        <translation>Counts per room</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="135"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="135"/>
        <source>应到</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="135"/>
        <source>已检录</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="135"/>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="136"/>
        <source>未到</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="142"/>
        <source>回车 确认人证一致 · F8 人证不符 · F9 考场负责人同意入场 · Ctrl+Z 撤销（1分钟内） · F10 记缺考 · Esc 清除</source>
        <translation>Enter: identity matches · F8: does not match · F9: room head lets in · Ctrl+Z: undo (within 1 minute) · F10: record absentees · Esc: clear</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="206"/>
        <source>没有场次：请先由考务人员创建场次（examsite checkin session）</source>
        <translation>No session: exam staff must create one first (examsite checkin session)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="263"/>
        <source>准考证号 {0}&#x3000;{1}
{2}
{3}</source>
        <translation>Ticket {0}  {1}
{2}
{3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="265"/>
        <location filename="../../app/ui/checkin/desk.py" line="349"/>
        <source>{0}&#x3000;座位 {1}</source>
        <translation>{0}   Seat {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="265"/>
        <location filename="../../app/ui/checkin/desk.py" line="349"/>
        <source>未排</source>
        <translation>not assigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="271"/>
        <source>名册中无照片</source>
        <translation>No photo in the roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="273"/>
        <source>（F9 请考场负责人同意）</source>
        <translation> (F9: ask the room head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="279"/>
        <source>证件姓名「{0}」与名册不符，请仔细核对</source>
        <translation>The name on the ID card, &quot;{0}&quot;, differs from the roster: check carefully</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="282"/>
        <source>请核对照片与本人：一致按回车，不一致按 F8</source>
        <translation>Compare the photo with the person: Enter if they match, F8 if not</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="293"/>
        <source>请先选择场次</source>
        <translation>Choose a session first</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="331"/>
        <source>有 {0} 名考生符合，请输入序号并回车</source>
        <translation>{0} candidates match: type the number and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="350"/>
        <source>✔ {0} 检录完成：请到 {1} {2} 号座位</source>
        <translation>✔ {0} checked in: go to {1}, seat {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="351"/>
        <source>（未排座）</source>
        <translation>(no seat assigned)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="356"/>
        <source>正在核验考场负责人…</source>
        <translation>Checking the room head…</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="363"/>
        <source>人证不符</source>
        <translation>Identity mismatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="363"/>
        <source>确认此人与名册照片不是同一人？将记录疑似冒名顶替，并报考场负责人处理。</source>
        <translation>Confirm this person is not the one in the roster photo? Suspected impersonation is recorded and reported to the room head.</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="372"/>
        <source>✖ 人证不符：已记录（疑似冒名顶替），请留住该人员并通知考场负责人</source>
        <translation>✖ Identity mismatch recorded (suspected impersonation): keep the person here and call the room head</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="394"/>
        <source>撤销检录</source>
        <translation>Undo check-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="394"/>
        <source>撤销您刚才的一次检录吗？（仅限1分钟内）</source>
        <translation>Undo your last check-in? (only within 1 minute)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="401"/>
        <source>已撤销 {0}（{1}）的检录</source>
        <translation>Check-in of {0} ({1}) undone</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="410"/>
        <source>记缺考</source>
        <translation>Record absentees</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="410"/>
        <source>将本场次所有未检录的考生记为缺考吗？此后入场须考场负责人同意。</source>
        <translation>Record every candidate not checked in to this session as absent? Entry after that needs the room head&apos;s consent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="415"/>
        <source>已记缺考 {0} 名</source>
        <translation>{0} recorded absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="443"/>
        <source>注意：本场次在{0}，不是今天（{1}）</source>
        <translation>Note: this session is on {0}, not today ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="448"/>
        <source>已过入场截止时间 {0}，尚有 {1} 人未到：按 F10 记缺考</source>
        <translation>Entry closed at {0}; {1} still missing: press F10 to record them absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="452"/>
        <source>开考 {0}，{1} 起不得入场</source>
        <translation>Starts {0}; no entry from {1}</translation>
    </message>
</context>
<context>
    <name>ChiefDialog</name>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="111"/>
        <source>已公开的评分（考评组长）</source>
        <translation>Revealed sheets (chief grader)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="113"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="113"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="113"/>
        <source>各考评员合计</source>
        <translation>Each grader&apos;s total</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="113"/>
        <source>汇总</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="114"/>
        <source>分差</source>
        <translation>Spread</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="114"/>
        <source>认定分</source>
        <translation>Decided score</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="117"/>
        <source>裁定分</source>
        <translation>Decided score</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="119"/>
        <source>裁定理由（如：复看考件照片后认定）</source>
        <translation>Reason (e.g. decided after re-examining the work-piece photos)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="120"/>
        <source>裁定所选考生</source>
        <translation>Decide for the selected candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="122"/>
        <source>向主机刷新</source>
        <translation>Refresh from the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="138"/>
        <source>一致</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="138"/>
        <source>超出分差，待裁定</source>
        <translation>Spread exceeded, awaiting decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="138"/>
        <source>组长已裁定</source>
        <translation>Decided by the chief</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="139"/>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="151"/>
        <source>尚无全部考评员都已签字的考生</source>
        <translation>No candidate has been signed by every grader yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="160"/>
        <source>请先选择考生</source>
        <translation>Select a candidate first</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="165"/>
        <source>裁定已保存并发往主机；主机确认后列表更新</source>
        <translation>Decision saved and sent to the master; the list updates once the master confirms</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="169"/>
        <source>正在保存裁定…</source>
        <translation>Saving the decision…</translation>
    </message>
</context>
<context>
    <name>ChiefPanel</name>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="47"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="47"/>
        <source>各考评员总分</source>
        <translation>Graders&apos; totals</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="47"/>
        <source>分差</source>
        <translation>Spread</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="47"/>
        <source>汇总</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="47"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="47"/>
        <source>裁定理由</source>
        <translation>Decision reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="48"/>
        <source>分歧列表</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="49"/>
        <source>考评员</source>
        <translation>Grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="49"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="49"/>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="49"/>
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="49"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="49"/>
        <source>更正理由</source>
        <translation>Correction reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="50"/>
        <source>该考生的全部评分表</source>
        <translation>All sheets of this candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="51"/>
        <source>裁定(&amp;D)</source>
        <translation>&amp;Decide</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="56"/>
        <source>分差超过阈值的考生</source>
        <translation>Candidates whose scores differ beyond the threshold</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="58"/>
        <source>该考生的全部评分表（含更正版本）</source>
        <translation>All sheets of this candidate (including corrections)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="94"/>
        <source>纸质</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="94"/>
        <source>机评</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="100"/>
        <source>请先选择考生</source>
        <translation>Select a candidate first</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="110"/>
        <source>已裁定：{0} 分</source>
        <translation>Decided: {0} points</translation>
    </message>
</context>
<context>
    <name>ConsoleStaffDialog</name>
    <message>
        <location filename="../../app/ui/admin/console_staff.py" line="20"/>
        <source>下发到监考台的工作人员</source>
        <translation>Staff sent to the room console</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/console_staff.py" line="22"/>
        <source>勾选在 {0}（{1}）工作的监考人员和考场负责人。只有勾选的人能在这台监考台上签字、确认违纪记录。</source>
        <translation>Tick the proctors and room heads working at {0} ({1}). Only those ticked can sign or confirm findings on this room console.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/console_staff.py" line="26"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/console_staff.py" line="37"/>
        <source>下发</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/console_staff.py" line="38"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="72"/>
        <source>更正评分表</source>
        <translation>Correct a scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="76"/>
        <source>准考证号 {0}：已签字的评分表不会被改动，更正将另存为新版本，修改后须重新签字；考评组长签字汇总后主机不再接受更正。</source>
        <translation>Ticket {0}: the signed sheet is not changed; the correction is saved as a new version and must be signed again. Once the chief grader signs the summary, the master accepts no correction.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="81"/>
        <source>更正理由</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="82"/>
        <source>更正理由（至少 4 个字，如：第1.1项复核后应为16分）</source>
        <translation>Reason (at least 4 characters, e.g. item 1.1 should be 16 after review)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="87"/>
        <source>开始更正</source>
        <translation>Start correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="88"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeskCamera</name>
    <message>
        <location filename="../../app/ui/checkin/desk_camera.py" line="40"/>
        <source>未连接摄像头
（检录照片将无法留存）</source>
        <translation>No camera connected
(no check-in photo will be kept)</translation>
    </message>
</context>
<context>
    <name>DoorDeskView</name>
    <message>
        <location filename="../../app/ui/stations/door.py" line="36"/>
        <source>扫描或输入准考证号、证件号码，按回车</source>
        <translation>Scan or type the ticket or ID number, then press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="37"/>
        <source>准考证号或证件号码</source>
        <translation>Ticket or ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="41"/>
        <source>检录</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="45"/>
        <source>正在打开检录台…</source>
        <translation>Opening the door desk…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="47"/>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="48"/>
        <location filename="../../app/ui/stations/door.py" line="135"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="52"/>
        <source>考生照片</source>
        <translation>Candidate photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="55"/>
        <source>检录结果</source>
        <translation>Check-in result</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="59"/>
        <source>考生</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="67"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="67"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="67"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="67"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="73"/>
        <source>今日检录</source>
        <translation>Today&apos;s check-ins</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="75"/>
        <source>今日检录人数</source>
        <translation>Check-ins today</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="114"/>
        <source>正在检录 {0}…</source>
        <translation>Checking in {0}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="121"/>
        <source>准予入场</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="123"/>
        <source>准予入场（离线，待主机确认）</source>
        <translation>Admitted (offline, awaiting the master)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="124"/>
        <source>{0}
准考证号 {1}
考场 {2}&#x3000;座位 {3}</source>
        <translation>{0}
Ticket {1}
Room {2}  Seat {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="130"/>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="141"/>
        <source>不准入场</source>
        <translation>Not admitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="177"/>
        <source>已入场</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="179"/>
        <source>已入场（重复检录已报考场负责人）</source>
        <translation>Admitted (double check-in reported to the room head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="181"/>
        <source>离线入场待主机确认</source>
        <translation>Admitted offline, awaiting the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="181"/>
        <source>等待主机确认</source>
        <translation>Awaiting the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="183"/>
        <source>主机拒绝：已在其他检录台检录</source>
        <translation>Refused by the master: checked in at another desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="184"/>
        <source>主机拒绝</source>
        <translation>Refused by the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="190"/>
        <source>场次：{0} {1}（{2} 开考）&#x3000;名册 {3} 人</source>
        <translation>Session: {0} {1} (starts {2})  Roster {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="194"/>
        <source>等待主机下发场次和名册…</source>
        <translation>Waiting for the master to send the session and roster…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/door.py" line="201"/>
        <source>今日本检录台检录 {0} 人</source>
        <translation>{0} checked in at this desk today</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="38"/>
        <source>签字确认</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="41"/>
        <source>{0}：{1}
签字后不能修改。</source>
        <translation>{0}: {1}
A signed sheet cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="47"/>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="48"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="51"/>
        <source>清除签名(&amp;C)</source>
        <translation>&amp;Clear signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="61"/>
        <source>请手写签名</source>
        <translation>Draw your signature</translation>
    </message>
</context>
<context>
    <name>EnrollmentScreen</name>
    <message>
        <location filename="../../app/ui/stations/app.py" line="49"/>
        <source>登记本站点到考点主机</source>
        <translation>Enroll this station with the site master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="52"/>
        <location filename="../../app/ui/stations/app.py" line="61"/>
        <source>主机地址</source>
        <translation>Master address</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="54"/>
        <source>例如：一号门检录台</source>
        <translation>e.g. Door 1 desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="55"/>
        <location filename="../../app/ui/stations/app.py" line="62"/>
        <source>本机名称</source>
        <translation>This machine&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="56"/>
        <source>申请登记</source>
        <translation>Request enrollment</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="68"/>
        <source>登记码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="70"/>
        <source>登记状态</source>
        <translation>Enrollment state</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="89"/>
        <source>请填写主机地址（形如 https://192.168.1.10:8443）和本机名称</source>
        <translation>Enter the master address (like https://192.168.1.10:8443) and this machine&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="92"/>
        <source>正在联系主机…</source>
        <translation>Contacting the master…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="98"/>
        <source>请把下面的登记码报给主机管理员，在「站点管理 → 站点与终端」中准予：</source>
        <translation>Give this code to the master&apos;s administrator to grant in Site admin → Stations and terminals:</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="100"/>
        <source>等待主机准予登记…</source>
        <translation>Waiting for the master to grant…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="105"/>
        <source>等待超时，主机未准予登记；请重新申请</source>
        <translation>Timed out: not granted; please request again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="107"/>
        <source>已登记为 {0}。请核对主机屏幕上的确认码与此一致：</source>
        <translation>Enrolled as {0}. Check the master shows the same confirmation code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="109"/>
        <source>核对无误后点「进入站点」</source>
        <translation>When they match, click Open station</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="110"/>
        <source>进入站点</source>
        <translation>Open station</translation>
    </message>
</context>
<context>
    <name>ExamPages</name>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="54"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="57"/>
        <source>身份证号后6位，或监考人员提供的验证码</source>
        <translation>Last 6 characters of the ID number, or the code from the proctor</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="58"/>
        <source>准考证号：</source>
        <translation>Ticket no.:</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="59"/>
        <source>验证信息：</source>
        <translation>Verification:</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="60"/>
        <source>登录考试</source>
        <translation>Start the exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="67"/>
        <source>职业技能等级认定 理论知识考试</source>
        <translation>Vocational Skill Level Certification — Theory Exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="87"/>
        <source>字号 -</source>
        <translation>Text −</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="88"/>
        <source>字号 +</source>
        <translation>Text +</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="91"/>
        <source>交卷</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="106"/>
        <source>绿：已答&#x3000;橙：标记&#x3000;白：未答</source>
        <translation>Green: answered   Orange: flagged   White: unanswered</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="116"/>
        <source>标记本题（稍后检查）</source>
        <translation>Flag this question (check later)</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="119"/>
        <source>上一题</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="120"/>
        <source>下一题</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="139"/>
        <source>考试已暂停，计时已停止。请留在座位上，等待监考老师通知继续。</source>
        <translation>The exam is paused and the clock has stopped. Please stay in your seat until the proctor tells you to continue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="161"/>
        <location filename="../../app/ui/exam/kiosk.py" line="210"/>
        <source>监考人员用户名</source>
        <translation>Proctor user name</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="164"/>
        <location filename="../../app/ui/exam/kiosk.py" line="213"/>
        <source>监考人员密码</source>
        <translation>Proctor password</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="165"/>
        <source>监考人员授权继续考试</source>
        <translation>Proctor authorises the exam to continue</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="179"/>
        <source>返回继续作答</source>
        <translation>Back to the exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="180"/>
        <source>确认交卷</source>
        <translation>Confirm submission</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="207"/>
        <source>监考人员关闭考试窗口（考生的作答与用时均已保存，可再次登录继续）</source>
        <translation>Proctor closes the exam window (answers and time are saved; the candidate can log in again to continue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="214"/>
        <source>关闭考试窗口</source>
        <translation>Close the exam window</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="215"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ExamSite</name>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="8"/>
        <location filename="../../app/ui/export/workplace.py" line="23"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="9"/>
        <source>考务人员</source>
        <translation>Exam staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="10"/>
        <source>监考人员</source>
        <translation>Proctor</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="11"/>
        <source>考评员</source>
        <translation>Grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="12"/>
        <source>考评组长</source>
        <translation>Chief grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="13"/>
        <location filename="../../app/ui/export/workplace.py" line="24"/>
        <source>内部质量督导员</source>
        <translation>Internal quality supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="14"/>
        <source>外部质量督导员</source>
        <translation>External quality supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="15"/>
        <source>考场负责人</source>
        <translation>Room head</translation>
    </message>
    <message>
        <location filename="../../app/ui/workplaces.py" line="31"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/ui/workplaces.py" line="32"/>
        <source>站点管理</source>
        <translation>Site administration</translation>
    </message>
    <message>
        <location filename="../../app/ui/workplaces.py" line="34"/>
        <source>认定批次与考生名册</source>
        <translation>Batches and roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="11"/>
        <source>账户登录</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="12"/>
        <source>人员账户</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="13"/>
        <source>人员签名密钥</source>
        <translation>Staff signing keys</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="14"/>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="15"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="16"/>
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="17"/>
        <source>考生名册</source>
        <translation>Candidate roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="18"/>
        <source>考生</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="19"/>
        <source>座位</source>
        <translation>Seats</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="20"/>
        <location filename="../../app/ui/workplaces.py" line="38"/>
        <source>检录</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="21"/>
        <source>禁考名单</source>
        <translation>Ban list</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="22"/>
        <source>题库</source>
        <translation>Question bank</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="23"/>
        <source>试卷</source>
        <translation>Papers</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="24"/>
        <location filename="../../app/ui/workplaces.py" line="39"/>
        <source>理论机考</source>
        <translation>Theory exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="26"/>
        <source>局域网连接</source>
        <translation>Local network link</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="27"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="28"/>
        <source>考场情况记录</source>
        <translation>Room incident record</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="39"/>
        <source>上报包</source>
        <translation>Result package</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="44"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="45"/>
        <source>登录失败</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="46"/>
        <source>账户被锁定</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="47"/>
        <source>锁定期间拒绝登录</source>
        <translation>Sign-in refused (locked)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="48"/>
        <source>确认密码错误</source>
        <translation>Password confirmation failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="49"/>
        <source>新建人员账户</source>
        <translation>Staff account created</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="50"/>
        <source>解除账户锁定</source>
        <translation>Account unlocked</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="51"/>
        <source>修改人员角色</source>
        <translation>Roles changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="52"/>
        <source>重置密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="53"/>
        <source>启用或停用账户</source>
        <translation>Account enabled or disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="54"/>
        <source>生成签名密钥</source>
        <translation>Signing key created</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="55"/>
        <source>停用签名密钥</source>
        <translation>Signing key retired</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="56"/>
        <source>建立站点</source>
        <translation>Site created</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="57"/>
        <source>修改评价机构信息</source>
        <translation>Institution details changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="58"/>
        <source>设置公示工作日数</source>
        <translation>Publication working days set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="59"/>
        <source>设置本机用途</source>
        <translation>Machine use set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="60"/>
        <source>设置节假日</source>
        <translation>Holidays set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="61"/>
        <source>新建认定批次</source>
        <translation>Batch created</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="62"/>
        <source>分配考务人员</source>
        <translation>Staff assigned to batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="63"/>
        <source>导入考生名册</source>
        <translation>Roster imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="64"/>
        <source>调整考生考场</source>
        <translation>Candidate moved</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="65"/>
        <source>编排座位</source>
        <translation>Seats assigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="66"/>
        <source>设置检录场次</source>
        <translation>Check-in session set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="67"/>
        <source>检录通过</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="68"/>
        <source>拒绝入场</source>
        <translation>Entry refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="69"/>
        <source>准考证二维码无效</source>
        <translation>Ticket QR refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="70"/>
        <source>考场负责人放行</source>
        <translation>Room head let in</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="71"/>
        <source>放行被拒绝</source>
        <translation>Let-in refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="72"/>
        <source>人证不符</source>
        <translation>Identity mismatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="73"/>
        <source>登记缺考</source>
        <translation>Record absence</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="74"/>
        <source>撤销检录</source>
        <translation>Undo check-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="75"/>
        <source>打印准考证</source>
        <translation>Tickets printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="76"/>
        <source>加入禁考名单</source>
        <translation>Added to ban list</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="77"/>
        <source>解除禁考</source>
        <translation>Ban lifted</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="78"/>
        <source>导入题库</source>
        <translation>Question bank imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="79"/>
        <source>导出题库（QTI）</source>
        <translation>Question bank exported (QTI)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="80"/>
        <source>设置组卷规则</source>
        <translation>Paper blueprint set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="81"/>
        <source>封存试卷</source>
        <translation>Papers sealed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="82"/>
        <source>解封试卷</source>
        <translation>Papers unlocked</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="83"/>
        <source>解封被拒绝</source>
        <translation>Paper unlock refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="84"/>
        <source>重新封存试卷</source>
        <translation>Papers relocked</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="85"/>
        <source>考生换机续考</source>
        <translation>Candidate moved to another terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="86"/>
        <source>放行考生</source>
        <translation>Candidate released</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="87"/>
        <source>发放监考授权码</source>
        <translation>Proctor code issued</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="88"/>
        <source>考生登录失败</source>
        <translation>Candidate sign-in failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="89"/>
        <source>终端放行被拒绝</source>
        <translation>Terminal release refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="90"/>
        <source>续考被拒绝</source>
        <translation>Resume refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="91"/>
        <source>强制交卷</source>
        <translation>Force submit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="92"/>
        <source>延长考试时间</source>
        <translation>Time extended</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="93"/>
        <source>考场开考（终端）</source>
        <translation>Room started (terminal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="94"/>
        <source>考场暂停（终端）</source>
        <translation>Room paused (terminal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="95"/>
        <source>考场继续（终端）</source>
        <translation>Room resumed (terminal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="96"/>
        <source>考场结束（终端）</source>
        <translation>Room ended (terminal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="97"/>
        <source>准备考试终端</source>
        <translation>Terminal prepared</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="98"/>
        <source>考试终端已就绪</source>
        <translation>Terminal ready</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="99"/>
        <source>启动局域网服务</source>
        <translation>Link started</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="100"/>
        <source>终端开始连接考点主机</source>
        <translation>Terminal connected to the site master</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="101"/>
        <source>批准终端接入</source>
        <translation>Terminal enrolment granted</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="102"/>
        <source>导入终端答卷包</source>
        <translation>Terminal answer pack imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="103"/>
        <source>开考</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="104"/>
        <source>暂停考试</source>
        <translation>Exam paused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="105"/>
        <source>继续考试</source>
        <translation>Exam resumed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="106"/>
        <source>结束考试</source>
        <translation>End exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="107"/>
        <source>生成授权码</source>
        <translation>Authorisation code issued</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="108"/>
        <source>考场事件</source>
        <translation>Room incident</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="109"/>
        <source>成绩待收</source>
        <translation>Score pending</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="110"/>
        <source>成绩未记录</source>
        <translation>Score not recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="111"/>
        <source>成绩不一致</source>
        <translation>Score differs</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="112"/>
        <source>填写考场情况记录</source>
        <translation>Room record written</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="113"/>
        <source>设置评分表</source>
        <translation>Score sheet template set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="114"/>
        <source>设置考评小组</source>
        <translation>Grader group set</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="115"/>
        <source>登记回避关系</source>
        <translation>Conflict of interest recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="116"/>
        <source>准许回避例外</source>
        <translation>Conflict exception allowed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="117"/>
        <source>打开评分表</source>
        <translation>Score sheet opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="118"/>
        <source>保存评分表</source>
        <translation>Score sheet saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="119"/>
        <source>签名评分表</source>
        <translation>Score sheet signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="120"/>
        <source>签名被拒绝</source>
        <translation>Signature refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="121"/>
        <source>更正评分表</source>
        <translation>Correct scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="122"/>
        <source>导入评分表</source>
        <translation>Score sheets imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="123"/>
        <source>导出评分表</source>
        <translation>Score sheets exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="124"/>
        <source>录入纸质评分表</source>
        <translation>Paper sheet entered</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="125"/>
        <source>纸质评分表核对一致</source>
        <translation>Paper sheet agreed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="126"/>
        <source>组长复核分差</source>
        <translation>Chief reconciled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="127"/>
        <source>签名成绩汇总表</source>
        <translation>Summary signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="128"/>
        <source>实操成绩转入成绩库</source>
        <translation>Practical scores transferred</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="129"/>
        <source>打印成绩汇总表</source>
        <translation>Summary printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="130"/>
        <source>打印评分记录表</source>
        <translation>Score sheets printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="131"/>
        <source>拍摄考件照片</source>
        <translation>Work photo taken</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="132"/>
        <source>登记实操缺考</source>
        <translation>Practical absence recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="133"/>
        <source>记录成绩</source>
        <translation>Score recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="134"/>
        <source>录入成绩</source>
        <translation>Score entered</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="135"/>
        <source>审核签名</source>
        <translation>Review signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="136"/>
        <source>审核退回</source>
        <translation>Review reset</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="137"/>
        <source>重新开放成绩</source>
        <translation>Results reopened</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="138"/>
        <source>记录违纪</source>
        <translation>Misconduct recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="139"/>
        <source>违纪记录签名</source>
        <translation>Misconduct record signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="140"/>
        <source>考场负责人确认违纪</source>
        <translation>Misconduct confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="141"/>
        <source>送达告知书</source>
        <translation>Notice served</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="142"/>
        <source>作出处理决定</source>
        <translation>Make the decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="143"/>
        <source>提出申辩</source>
        <translation>Appeal lodged</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="144"/>
        <source>复核申辩</source>
        <translation>Appeal reviewed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="145"/>
        <source>开始公示</source>
        <translation>Start publication</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="146"/>
        <source>导出公示名单</source>
        <translation>Publication list exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="147"/>
        <source>结束公示</source>
        <translation>Publication closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="148"/>
        <source>分配证书编号</source>
        <translation>Allocate certificate numbers</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="149"/>
        <source>打印证书</source>
        <translation>Certificates printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="150"/>
        <source>作废证书</source>
        <translation>Certificate voided</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="151"/>
        <source>注销证书</source>
        <translation>Certificate cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="152"/>
        <source>导出督导报告</source>
        <translation>Supervision report exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="153"/>
        <source>导出考场情况记录单</source>
        <translation>Room records exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="154"/>
        <source>导出证书发放登记表</source>
        <translation>Issue register exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="155"/>
        <source>导出合规检查表</source>
        <translation>Compliance table exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="156"/>
        <source>导出证书数据</source>
        <translation>Certificate data exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="157"/>
        <source>填写督导报告</source>
        <translation>Supervision report written</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="158"/>
        <source>考前自检报告</source>
        <translation>Readiness report</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="159"/>
        <source>打印机检查</source>
        <translation>Printer check</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="160"/>
        <source>添加摄像头</source>
        <translation>Add camera</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="161"/>
        <source>启用或停用摄像头</source>
        <translation>Camera enabled or disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="162"/>
        <source>更改摄像头来源</source>
        <translation>Camera source changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="163"/>
        <source>更改录像设置</source>
        <translation>Recording settings changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="164"/>
        <source>录像片段</source>
        <translation>Recording segment</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="165"/>
        <source>录像中断</source>
        <translation>Recording gap</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="166"/>
        <source>摄像头告警</source>
        <translation>Camera alert</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="167"/>
        <source>添加视频标记</source>
        <translation>Video bookmark added</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="168"/>
        <source>导出视频片段</source>
        <translation>Video clip exported</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="169"/>
        <source>校验导出视频</source>
        <translation>Exported video verified</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="170"/>
        <source>删除过期录像</source>
        <translation>Old recordings deleted</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="171"/>
        <source>开始录像</source>
        <translation>Start recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="172"/>
        <source>停止录像</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="173"/>
        <source>开始生成上报包</source>
        <translation>Package started</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="174"/>
        <source>生成上报包</source>
        <translation>Package made</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="175"/>
        <source>生成上报包失败</source>
        <translation>Package failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="176"/>
        <source>会签上报包</source>
        <translation>Package countersigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="177"/>
        <source>校验上报包</source>
        <translation>Package verified</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="178"/>
        <source>复制上报包</source>
        <translation>Package copied</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="179"/>
        <source>生成更正包</source>
        <translation>Correction package made</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="180"/>
        <source>登记省级确认</source>
        <translation>Record provincial acknowledgement</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="183"/>
        <source>其他操作</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="184"/>
        <source>系统（自动）</source>
        <translation>System (automatic)</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="41"/>
        <location filename="../../app/ui/workplaces.py" line="41"/>
        <source>监考台</source>
        <translation>Proctor console</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="29"/>
        <location filename="../../app/ui/workplaces.py" line="43"/>
        <source>实操评分</source>
        <translation>Practical scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="30"/>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="31"/>
        <source>成绩审核</source>
        <translation>Result review</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="32"/>
        <source>违纪处理</source>
        <translation>Misconduct</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="33"/>
        <source>公示</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="34"/>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="35"/>
        <source>报表</source>
        <translation>Official tables</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="36"/>
        <source>质量督导</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="37"/>
        <source>考前自检</source>
        <translation>Readiness check</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="38"/>
        <location filename="../../app/ui/workplaces.py" line="47"/>
        <source>视频监控</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location filename="../../app/ui/workplaces.py" line="50"/>
        <source>成绩与证书</source>
        <translation>Results and certificates</translation>
    </message>
    <message>
        <location filename="../../app/ui/workplaces.py" line="53"/>
        <source>数据封装上报</source>
        <translation>Sealed export</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="40"/>
        <location filename="../../app/ui/workplaces.py" line="56"/>
        <source>操作日志</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="16"/>
        <source>理论知识考试</source>
        <translation>Theory exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="17"/>
        <source>操作技能考核</source>
        <translation>Practical skills assessment</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="18"/>
        <source>综合评审</source>
        <translation>Comprehensive review</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="19"/>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="20"/>
        <source>社会培训评价组织</source>
        <translation>Social training and evaluation organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="22"/>
        <source>录像磁盘空间</source>
        <translation>Disk space for recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="23"/>
        <source>摄像头画面</source>
        <translation>Camera pictures</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="24"/>
        <source>供电</source>
        <translation>Power supply</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="25"/>
        <source>时钟同步</source>
        <translation>Clock synchronisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="26"/>
        <source>数据库完整性</source>
        <translation>Store integrity</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="27"/>
        <source>站点签名密钥</source>
        <translation>Site signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="28"/>
        <source>操作日志链</source>
        <translation>Journal chain</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="39"/>
        <source>检录台</source>
        <translation>Door desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="40"/>
        <source>实操评分站</source>
        <translation>Grader station</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_words.py" line="25"/>
        <location filename="../../app/ui/common/core_strings.py" line="29"/>
        <source>考试终端</source>
        <translation>Exam terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="30"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="31"/>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="32"/>
        <source>注意</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="33"/>
        <source>不通过</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="34"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="35"/>
        <source>全部通过，可以开考</source>
        <translation>All checks passed: ready for the exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="36"/>
        <source>通过，但有需要注意的事项</source>
        <translation>Passed, with points that need attention</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/core_strings.py" line="37"/>
        <source>未通过：有必须在开考前处理的问题</source>
        <translation>Not passed: problems must be fixed before the exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/tasks.py" line="79"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="23"/>
        <source>站点密钥</source>
        <translation>Site key</translation>
    </message>
</context>
<context>
    <name>ExamWindow</name>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="250"/>
        <source>理论知识考试</source>
        <translation>Theory exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="284"/>
        <source>请输入准考证号和验证信息</source>
        <translation>Enter the ticket number and the verification</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="287"/>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="299"/>
        <source>考生：{0}&#x3000;准考证号：{1}</source>
        <translation>Candidate: {0}   Ticket no.: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="317"/>
        <source>本终端中断约 {0} 分钟，超过规定时限。已用时间已保存，中断期间不计时。请举手示意，由监考人员授权后继续考试。</source>
        <translation>This terminal was down for about {0} minutes, longer than allowed. The time used is saved and the outage was not counted. Raise your hand: a proctor must authorise you to continue.</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="358"/>
        <source>第 {0} 题（{1}，{2} 分）</source>
        <translation>Question {0} ({1}, {2} points)</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="388"/>
        <location filename="../../app/ui/exam/kiosk.py" line="409"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="403"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="413"/>
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="449"/>
        <source>剩余 {0:02d}:{1:02d}:{2:02d}</source>
        <translation>Left {0:02d}:{1:02d}:{2:02d}</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="453"/>
        <source>距考试结束还有 {0} 分钟，请抓紧时间作答并检查</source>
        <translation>{0} minutes left: finish your answers and check them</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="459"/>
        <source>确认交卷吗？交卷后不能再修改答案。</source>
        <translation>Submit now? You cannot change your answers afterwards.</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="461"/>
        <source>还有 {0} 题未作答：第 {1} 题</source>
        <translation>{0} questions unanswered: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="463"/>
        <source>全部题目均已作答。</source>
        <translation>Every question is answered.</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="465"/>
        <source>已标记待查：第 {0} 题</source>
        <translation>Flagged for checking: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="477"/>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="477"/>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../app/ui/exam/kiosk.py" line="478"/>
        <source>试卷已提交。
成绩：{0} 分（满分 {1}，合格线 {2}）
{3}</source>
        <translation>Your paper is submitted.
Score: {0} (out of {1}, pass mark {2})
{3}</translation>
    </message>
</context>
<context>
    <name>ExportWorkplace</name>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="34"/>
        <location filename="../../app/ui/export/workplace.py" line="61"/>
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="35"/>
        <source>包含考生照片</source>
        <translation>Include candidate photos</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="36"/>
        <source>生成上报包…</source>
        <translation>Make export bundle…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="39"/>
        <source>生成更正包…</source>
        <translation>Make correction bundle…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="42"/>
        <source>会签…</source>
        <translation>Countersign…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="45"/>
        <source>校验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="47"/>
        <source>拷贝到移动介质…</source>
        <translation>Copy to removable media…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="50"/>
        <source>登记省级确认…</source>
        <translation>Record provincial acknowledgement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="55"/>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="56"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="56"/>
        <source>认定计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="56"/>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="57"/>
        <source>文件 SHA-256</source>
        <translation>File SHA-256</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="57"/>
        <source>更正关系</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="57"/>
        <source>生成人</source>
        <translation>Made by</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="57"/>
        <source>生成时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="58"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="59"/>
        <source>上报包历史</source>
        <translation>Export history</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="97"/>
        <source>更正第 {0} 号</source>
        <translation>corrects no. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="99"/>
        <source>已被第 {0} 号取代</source>
        <translation>superseded by no. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="108"/>
        <source>请先在列表中选择一个上报包</source>
        <translation>Select a bundle in the list first</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="117"/>
        <source>重新验证身份</source>
        <translation>Confirm your identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="117"/>
        <source>签名前请再次输入您的登录密码：</source>
        <translation>Enter your login password again to sign:</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="138"/>
        <source>保存上报包</source>
        <translation>Save export bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="139"/>
        <location filename="../../app/ui/export/workplace.py" line="162"/>
        <source>上报包 (*.zip)</source>
        <translation>Export bundle (*.zip)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="149"/>
        <source>已生成第 {0} 号上报包，待内部质量督导员会签。文件 SHA-256：{1}</source>
        <translation>Bundle no. {0} made; awaiting the internal supervisor&apos;s countersignature. File SHA-256: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="151"/>
        <source>正在收集数据、计算摘要并签名…</source>
        <translation>Collecting data, hashing and signing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="157"/>
        <source>更正包</source>
        <translation>Correction bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="158"/>
        <source>更正第 {0} 号上报包的原因：</source>
        <translation>Reason for correcting bundle no. {0}:</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="161"/>
        <source>保存更正包</source>
        <translation>Save correction bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="171"/>
        <source>会签</source>
        <translation>Countersign</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="171"/>
        <source>确认已核对第 {0} 号上报包（认定计划 {1}）并以本人密钥会签？</source>
        <translation>Confirm you have checked bundle no. {0} (plan {1}) and countersign it with your own key?</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="180"/>
        <source>已会签第 {0} 号上报包。</source>
        <translation>Bundle no. {0} countersigned.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="181"/>
        <source>正在校验并会签…</source>
        <translation>Verifying and countersigning…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="191"/>
        <source>校验通过：</source>
        <translation>Verified: </translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="193"/>
        <source>校验失败：{0}</source>
        <translation>Verification failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="195"/>
        <source>正在校验上报包…</source>
        <translation>Verifying the bundle…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="201"/>
        <source>选择移动介质（U 盘）上的文件夹</source>
        <translation>Choose a folder on the removable media (USB stick)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="207"/>
        <source>已拷贝并读回核对：{0}</source>
        <translation>Copied and read back: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="208"/>
        <source>正在拷贝并读回核对…</source>
        <translation>Copying and reading back…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="214"/>
        <source>登记省级确认</source>
        <translation>Record provincial acknowledgement</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="214"/>
        <source>省级平台回执（编号、日期）：</source>
        <translation>Provincial receipt (number, date):</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="220"/>
        <source>已登记省级确认。</source>
        <translation>Provincial acknowledgement recorded.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/workplace.py" line="220"/>
        <source>正在登记…</source>
        <translation>Recording…</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../app/ui/stations/room.py" line="77"/>
        <source>记录违纪</source>
        <translation>Record misconduct</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="81"/>
        <location filename="../../app/ui/stations/room.py" line="84"/>
        <source>考生</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="83"/>
        <source>{0}&#x3000;{1}&#x3000;座位 {2}</source>
        <translation>{0}  {1}  seat {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="86"/>
        <location filename="../../app/ui/stations/room.py" line="89"/>
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="88"/>
        <source>理论知识</source>
        <translation>Theory</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="88"/>
        <source>操作技能</source>
        <translation>Practical skills</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="91"/>
        <location filename="../../app/ui/stations/room.py" line="96"/>
        <source>违纪情形</source>
        <translation>Misconduct item</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="97"/>
        <source>已提醒，考生拒不改正</source>
        <translation>Warned; the candidate refused to correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="100"/>
        <location filename="../../app/ui/stations/room.py" line="104"/>
        <source>情节</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="101"/>
        <source>不适用（仅第七条须认定）</source>
        <translation>Not applicable (Article 7 only)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="106"/>
        <location filename="../../app/ui/stations/room.py" line="109"/>
        <source>违纪事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="107"/>
        <source>时间、地点、经过，如：09:40 发现考生使用手机查看答案，当场收缴</source>
        <translation>Time, place, what happened, e.g. 09:40 candidate seen reading answers on a phone; phone taken</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="111"/>
        <location filename="../../app/ui/stations/room.py" line="114"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="117"/>
        <location filename="../../app/ui/stations/room.py" line="118"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="120"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="121"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GraderStation</name>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="54"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="54"/>
        <source>工位</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="54"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="54"/>
        <source>我的评分</source>
        <translation>My sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="55"/>
        <source>回避</source>
        <translation>Avoidance</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="56"/>
        <source>考生列表</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="74"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="74"/>
        <source>评分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="74"/>
        <source>配分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="75"/>
        <source>评分标准 / 扣分说明</source>
        <translation>Criteria / deductions</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="74"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="76"/>
        <source>评分表</source>
        <translation>Scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="147"/>
        <source>（隐藏）</source>
        <translation>(hidden)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="218"/>
        <source>准考证号 {0}&#x3000;工位 {1}</source>
        <translation>Ticket {0}  Workstation {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="239"/>
        <source>，工位：{0}</source>
        <translation>, workstation: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="253"/>
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="257"/>
        <source>填「是」或「否」</source>
        <translation>Enter yes (y) or no (n)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="257"/>
        <source>0—{0}，0.5 分为单位</source>
        <translation>0–{0}, in steps of 0.5</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="60"/>
        <location filename="../../app/ui/scoring/station.py" line="288"/>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="48"/>
        <source>扫码或输入准考证号</source>
        <translation>Scan or type the ticket number</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="49"/>
        <source>扫描准考证二维码，或输入准考证号，回车</source>
        <translation>Scan the ticket QR code, or type the ticket number, then Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="51"/>
        <source>用摄像头扫码（F7）</source>
        <translation>Scan with camera (F7)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="52"/>
        <source>把准考证上的二维码对准评分站的摄像头</source>
        <translation>Hold the QR code on the admission ticket up to the station&apos;s camera</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="60"/>
        <location filename="../../app/ui/scoring/station.py" line="290"/>
        <location filename="../../app/ui/scoring/station.py" line="374"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="60"/>
        <source>评分中</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="61"/>
        <location filename="../../app/ui/scoring/station.py" line="143"/>
        <source>组长已裁定</source>
        <translation>Decided by the chief</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="61"/>
        <location filename="../../app/ui/scoring/station.py" line="143"/>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="61"/>
        <source>须回避</source>
        <translation>Must recuse</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="65"/>
        <source>颜色说明</source>
        <translation>Colour legend</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="89"/>
        <source>请扫码或选择考生</source>
        <translation>Scan a ticket or choose a candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="95"/>
        <source>签字（Ctrl+回车）</source>
        <translation>Sign (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="96"/>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="97"/>
        <source>拍考件照片</source>
        <translation>Photograph the work piece</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="184"/>
        <source>这张准考证属于认定计划 {0}，不是本批次（{1}）</source>
        <translation>This ticket belongs to plan {0}, not to this batch ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="189"/>
        <source>准考证号 {0} 不在您的评分名单中</source>
        <translation>Ticket {0} is not on your scoring list</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="202"/>
        <source>画面中没有找到准考证二维码：请把二维码对准摄像头，再按 F7</source>
        <translation>No admission ticket QR code in the picture: hold the code up to the camera and press F7 again</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="209"/>
        <source>摄像头不可用：{0}</source>
        <translation>Camera not available: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="210"/>
        <source>正在识别二维码…</source>
        <translation>Reading the QR code…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="238"/>
        <source>，限时 {0} 分钟</source>
        <translation>, {0} minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="242"/>
        <source>考核项目 {0}&#x3000;{1}{2}{3}</source>
        <translation>Task {0}  {1}{2}{3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="290"/>
        <location filename="../../app/ui/scoring/station.py" line="313"/>
        <source>未签字，尚有 {0} 项未评</source>
        <translation>Not signed, {0} items left</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="291"/>
        <location filename="../../app/ui/scoring/station.py" line="314"/>
        <source>（第 {0} 版）</source>
        <translation> (version {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="292"/>
        <location filename="../../app/ui/scoring/station.py" line="315"/>
        <source>合计 {0} 分&#x3000;{1}{2}</source>
        <translation>Total {0}  {1}{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="365"/>
        <source>准考证号 {0} 的评分表</source>
        <translation>Scoring sheet of ticket {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="379"/>
        <source>正在核验密码并签字…</source>
        <translation>Checking the password and signing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="385"/>
        <source>更正评分表</source>
        <translation>Correct scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="386"/>
        <source>已签字的评分表不会被改动，更正将另存为新版本。
更正理由：</source>
        <translation>The signed sheet stays unchanged; the correction is saved as a new version.
Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="398"/>
        <source>考件</source>
        <translation>Work piece</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="403"/>
        <source>考件照片已保存（{0}）</source>
        <translation>Work-piece photo saved ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/station.py" line="404"/>
        <source>正在拍照…</source>
        <translation>Taking photo…</translation>
    </message>
</context>
<context>
    <name>GraderStationView</name>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="187"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="189"/>
        <source>已公开的评分（组长）</source>
        <translation>Revealed sheets (chief)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="214"/>
        <source>考评员账户</source>
        <translation>Grader account</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="218"/>
        <source>考评员账户(&amp;U)：</source>
        <translation>Grader &amp;account:</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="219"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="220"/>
        <source>登录，开始本次评分</source>
        <translation>Log in and start this sitting</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="222"/>
        <source>本次登录期间签字只需手写签名，无需再输入密码；离开时请退出登录。</source>
        <translation>While logged in, signing needs only your drawn signature, not your password again; log out when you leave.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="234"/>
        <source>扫码或输入准考证号</source>
        <translation>Scan or type the ticket number</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="235"/>
        <source>扫描准考证二维码，或输入准考证号，回车</source>
        <translation>Scan the ticket QR code, or type the ticket number, then Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="237"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="237"/>
        <source>考场/工位</source>
        <translation>Room / workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="237"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="237"/>
        <source>我的评分</source>
        <translation>My sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="238"/>
        <source>考生列表</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="246"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="246"/>
        <source>评分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="246"/>
        <source>配分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="246"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="247"/>
        <source>评分标准 / 扣分说明</source>
        <translation>Criteria / deductions</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="248"/>
        <source>评分表</source>
        <translation>Scoring sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="255"/>
        <source>请扫码或选择考生</source>
        <translation>Scan a ticket or choose a candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="260"/>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="262"/>
        <source>更正（F8）</source>
        <translation>Correct (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="263"/>
        <source>更正本人在本评分站已签字、主机已接收的评分表：写明理由，另存为新版本后重新签字</source>
        <translation>Correct a sheet you signed at this station and the master accepted: give a reason, edit the new version, sign again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="288"/>
        <source>未指定考场</source>
        <translation>No room assigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="289"/>
        <source>实操评分站 {0}&#x3000;{1}&#x3000;{2}</source>
        <translation>Grader station {0}  {1}  {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="290"/>
        <source>尚未下发考评任务</source>
        <translation>No scoring work sent yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="291"/>
        <source>● 已连接主机</source>
        <translation>● Connected to the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="291"/>
        <source>○ 未连接主机（离线评分，恢复后自动上传）</source>
        <translation>○ Not connected (scoring offline; uploads when the link is back)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="294"/>
        <source>长时间未操作，已退出登录；请重新输入密码</source>
        <translation>Logged out after a long idle time; please enter your password again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="301"/>
        <source>请输入账户和密码</source>
        <translation>Please enter the account and password</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="314"/>
        <source>正在核验密码…</source>
        <translation>Checking the password…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="317"/>
        <source>已退出登录</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="344"/>
        <location filename="../../app/ui/stations/grader.py" line="456"/>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="344"/>
        <source>评分中</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="344"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="353"/>
        <source>（待主机确认）</source>
        <translation> (awaiting the master)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="355"/>
        <source>主机拒收：该评分表已有签字</source>
        <translation>Refused by the master: this sheet is signed already</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="356"/>
        <source>主机拒收更正：所更正的不是当前版本</source>
        <translation>Correction refused by the master: it does not correct the current version</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="357"/>
        <source>主机拒收更正：汇总表已签字</source>
        <translation>Correction refused by the master: the summary is signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="358"/>
        <source>主机拒收，请报告考评组长</source>
        <translation>Refused by the master; tell the chief grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="360"/>
        <source>（隐藏）</source>
        <translation>(hidden)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="391"/>
        <source>准考证号 {0}&#x3000;考评员 {1}</source>
        <translation>Ticket {0}  grader {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="419"/>
        <source>考核项目 {0}&#x3000;{1}</source>
        <translation>Task {0}  {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="429"/>
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="453"/>
        <source>（第 {0} 版，更正理由：{1}）</source>
        <translation> (version {0}, reason: {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="458"/>
        <source>合计 {0} 分&#x3000;已签字</source>
        <translation>Total {0}  signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="460"/>
        <source>合计 {0} 分&#x3000;已全部评分，请核对后签字</source>
        <translation>Total {0}  all items scored; check and sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="462"/>
        <source>合计 {0} 分&#x3000;未签字，尚有 {1} 项未评</source>
        <translation>Total {0}  not signed, {1} items not scored</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="498"/>
        <source>准考证号 {0} 的评分表</source>
        <translation>Scoring sheet of ticket {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="507"/>
        <source>已签字，记录已保存；主机确认后变为绿色</source>
        <translation>Signed and saved; turns green once the master confirms</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="513"/>
        <source>正在签字…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="527"/>
        <source>已另存为第 {0} 版，请修改后重新签字</source>
        <translation>Saved as version {0}; edit it and sign again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="533"/>
        <source>正在更正…</source>
        <translation>Correcting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/grader.py" line="539"/>
        <source>正在打开实操评分站…</source>
        <translation>Opening the grader station…</translation>
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="62"/>
        <source>成绩分布</source>
        <translation>Score distribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="69"/>
        <source>参考 {0} 人，合格 {1} 人，合格率 {2:.1f}%，平均分 {3:.1f}</source>
        <translation>{0} sat, {1} passed, pass rate {2:.1f}%, average {3:.1f}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="70"/>
        <source>尚无成绩</source>
        <translation>No scores yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="89"/>
        <source>人数</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="90"/>
        <source>分数</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="100"/>
        <source>合格线 {0}</source>
        <translation>Pass mark {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="101"/>
        <source>平均 {0}</source>
        <translation>Average {0}</translation>
    </message>
</context>
<context>
    <name>HomeWorkplace</name>
    <message>
        <location filename="../../app/ui/home.py" line="224"/>
        <source>{0}，您好。今天要做的事：</source>
        <translation>Hello {0}. Due today:</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="235"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="249"/>
        <source>正在读取……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="267"/>
        <source>目前没有待办事项。</source>
        <translation>Nothing due at the moment.</translation>
    </message>
    <message>
        <location filename="../../app/ui/home.py" line="284"/>
        <source>前往「{0}」</source>
        <translation>Go to {0}</translation>
    </message>
</context>
<context>
    <name>IncidentList</name>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="69"/>
        <location filename="../../app/ui/cameras/incidents.py" line="70"/>
        <source>情况说明，如：12号考生离开座位</source>
        <translation>What happened, e.g. candidate at seat 12 left the seat</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="71"/>
        <source>记录情况(&amp;B)</source>
        <translation>Record incident (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="78"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="78"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="78"/>
        <source>情况</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="78"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="79"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="82"/>
        <source>查看录像(&amp;V)</source>
        <translation>&amp;View video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="83"/>
        <source>导出片段(&amp;E)</source>
        <translation>&amp;Export clip</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="122"/>
        <source>记录情况</source>
        <translation>Record incident</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="77"/>
        <location filename="../../app/ui/cameras/incidents.py" line="127"/>
        <source>情况记录</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="111"/>
        <source>监控台记录</source>
        <translation>Camera desk</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="111"/>
        <source>检录</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="111"/>
        <source>违纪记录</source>
        <translation>Misconduct record</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="112"/>
        <source>标记</source>
        <translation>Flag</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="114"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="127"/>
        <source>请先选择一条情况记录</source>
        <translation>Select an incident first</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="145"/>
        <source>{0} {1} 前后 {2} 秒</source>
        <translation>{0} {1}, {2} s either side</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="150"/>
        <source>该考场 {0} 路摄像头有录像</source>
        <translation>{0} cameras of this room have video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="151"/>
        <source>；期间有 {0} 处录像中断</source>
        <translation>; {0} gaps in the recording</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="153"/>
        <location filename="../../app/ui/cameras/incidents.py" line="155"/>
        <source>查看录像</source>
        <translation>View video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="153"/>
        <location filename="../../app/ui/cameras/incidents.py" line="174"/>
        <source>该时间段没有录像</source>
        <translation>No video for this time</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="156"/>
        <source>正在查找录像…</source>
        <translation>Finding the video…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="174"/>
        <location filename="../../app/ui/cameras/incidents.py" line="178"/>
        <source>导出片段</source>
        <translation>Export clip</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="176"/>
        <source>已导出：</source>
        <translation>Exported:</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="179"/>
        <source>正在导出录像片段…</source>
        <translation>Exporting the clip…</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="28"/>
        <source>门口情况</source>
        <translation>Door incidents</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="29"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="29"/>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="29"/>
        <source>准考证号</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="29"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="30"/>
        <source>情况</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="30"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="34"/>
        <location filename="../../app/ui/checkin/incidents.py" line="35"/>
        <source>名册照片</source>
        <translation>Roster photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="34"/>
        <location filename="../../app/ui/checkin/incidents.py" line="35"/>
        <source>检录照片</source>
        <translation>Check-in photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="47"/>
        <source>检录台报告的情况（F5 刷新）</source>
        <translation>Reported by the check-in desk (F5 to refresh)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="73"/>
        <source>人证不符（疑似冒名顶替）</source>
        <translation>Identity mismatch (suspected impersonation)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="74"/>
        <source>两个检录台重复检录（断网期间）</source>
        <translation>Checked in at two door desks (while the link was down)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="75"/>
        <source>其他情况</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="90"/>
        <source>无检录照片</source>
        <translation>No check-in photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/incidents.py" line="91"/>
        <source>无名册照片</source>
        <translation>No roster photo</translation>
    </message>
</context>
<context>
    <name>InstitutionTab</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="224"/>
        <source>尚未设置评价机构信息</source>
        <translation>The institution has not been set up yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="226"/>
        <source>评价机构名称</source>
        <translation>Institution name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="227"/>
        <source>机构类别</source>
        <translation>Institution category</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="228"/>
        <source>评价机构代码</source>
        <translation>Institution code</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="229"/>
        <source>所在省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="230"/>
        <source>站点序列码</source>
        <translation>Site serial</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="231"/>
        <source>证书编号前缀</source>
        <translation>Certificate number prefix</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="232"/>
        <source>省份规则（建站时选定，不可更改）</source>
        <translation>Province rules (chosen when the site was created; fixed)</translation>
    </message>
</context>
<context>
    <name>JournalWorkplace</name>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="36"/>
        <source>校验日志完整性</source>
        <translation>Verify journal integrity</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="39"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="44"/>
        <source>全部人员</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="48"/>
        <source>操作类别</source>
        <translation>Kind of work</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="49"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="53"/>
        <source>只看日期</source>
        <translation>Only dates</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="55"/>
        <source>起始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="55"/>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="68"/>
        <source>校验结果</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="70"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="70"/>
        <source>时间（北京时间）</source>
        <translation>Time (Beijing)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="70"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="43"/>
        <location filename="../../app/ui/admin/journal_view.py" line="70"/>
        <location filename="../../app/ui/admin/journal_view.py" line="75"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="71"/>
        <location filename="../../app/ui/admin/journal_view.py" line="75"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="71"/>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="71"/>
        <source>计算机</source>
        <translation>Computer</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="72"/>
        <source>日志条目</source>
        <translation>Journal entries</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="76"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="98"/>
        <source>显示最近 {0} 条</source>
        <translation>Showing the latest {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="115"/>
        <source>正在校验日志…</source>
        <translation>Verifying the journal…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="121"/>
        <source>日志完好：{0} 条，签名检查点 {1} 个，最后一个在第 {2} 条。</source>
        <translation>Journal intact: {0} entries, {1} signed checkpoints, the last at entry {2}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/journal_view.py" line="125"/>
        <source>日志校验失败：{0}</source>
        <translation>Journal verification failed: {0}</translation>
    </message>
</context>
<context>
    <name>LinkIndicator</name>
    <message>
        <location filename="../../app/ui/common/link_indicator.py" line="22"/>
        <source>与主机的连接</source>
        <translation>Link to the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/link_indicator.py" line="34"/>
        <source>已连接主机</source>
        <translation>Connected to the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/link_indicator.py" line="36"/>
        <source>离线 · 待发送 {0}</source>
        <translation>Offline · {0} unsent</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/link_indicator.py" line="37"/>
        <source>暂时连不上主机；作答已保存在本机，恢复连接后自动补发</source>
        <translation>The master cannot be reached for now; answers are saved on this computer and sent automatically when the link is back</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../app/ui/login.py" line="21"/>
        <source>ExamSite 考点管理系统 — 登录</source>
        <translation>ExamSite Site Manager — Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="28"/>
        <source>职业技能等级认定 考点管理系统</source>
        <translation>Vocational Skill Level Certification — Site Manager</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="35"/>
        <source>提示信息</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="41"/>
        <location filename="../../app/ui/login.py" line="43"/>
        <source>站点目录</source>
        <translation>Site folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="41"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="41"/>
        <source>选择站点目录</source>
        <translation>Choose site folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="46"/>
        <location filename="../../app/ui/login.py" line="47"/>
        <source>站点口令</source>
        <translation>Site passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="48"/>
        <source>打开站点</source>
        <translation>Open site</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="58"/>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="60"/>
        <location filename="../../app/ui/login.py" line="61"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="64"/>
        <location filename="../../app/ui/login.py" line="65"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="67"/>
        <source>登录角色</source>
        <translation>Role for this session</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="69"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="70"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="94"/>
        <source>请填写站点目录和站点口令</source>
        <translation>Enter the site folder and the site passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="97"/>
        <source>正在打开站点（校验加密数据库）…</source>
        <translation>Opening site (checking the encrypted database)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="99"/>
        <source>正在打开站点…</source>
        <translation>Opening site…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="108"/>
        <source>已从旧版本升级数据库，备份：{0}</source>
        <translation>The database was upgraded from an older version; backup: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="124"/>
        <source>（账户的默认角色）</source>
        <translation>(the account&apos;s default role)</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="135"/>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="22"/>
        <source>ExamSite — {0}</source>
        <translation>ExamSite — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="24"/>
        <source>工作台列表</source>
        <translation>Workplaces</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="48"/>
        <source>（尚无认定批次）</source>
        <translation>(no batch yet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="49"/>
        <source>站点：{0}</source>
        <translation>Site: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="49"/>
        <source>批次：{0}</source>
        <translation>Batch: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="50"/>
        <source>用户：{0}（{1}）</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="51"/>
        <source>角色：{0}</source>
        <translation>Role: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="58"/>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="61"/>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="62"/>
        <source>显示</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="63"/>
        <source>放大字体</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="63"/>
        <source>缩小字体</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="64"/>
        <source>恢复字体大小</source>
        <translation>Normal text size</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="70"/>
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>确定退出登录吗？</source>
        <translation>Log out now?</translation>
    </message>
</context>
<context>
    <name>MisconductPanel</name>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="28"/>
        <location filename="../../app/ui/results/misconduct_panel.py" line="55"/>
        <source>准考证号</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="33"/>
        <location filename="../../app/ui/results/misconduct_panel.py" line="57"/>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="37"/>
        <source>违纪事实：时间、地点、经过</source>
        <translation>Facts: time, place, what happened</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="40"/>
        <location filename="../../app/ui/results/misconduct_panel.py" line="41"/>
        <source>证据：收缴物品、照片说明等</source>
        <translation>Evidence: items taken, photos, etc.</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="43"/>
        <location filename="../../app/ui/results/misconduct_panel.py" line="44"/>
        <source>视频标记编号（可选）</source>
        <translation>Video bookmark id (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="45"/>
        <source>已提醒，考生拒不改正</source>
        <translation>Warned; the candidate refused to comply</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="47"/>
        <location filename="../../app/ui/results/misconduct_panel.py" line="48"/>
        <source>提醒时间、提醒人、考生反应</source>
        <translation>When warned, by whom, the candidate&apos;s response</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="50"/>
        <source>（第七条适用）</source>
        <translation>(for Article 7)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="51"/>
        <source>情节轻微（2年）</source>
        <translation>Minor (2 years)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="52"/>
        <source>情节严重（5年）</source>
        <translation>Serious (5 years)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="53"/>
        <source>保存违纪记录</source>
        <translation>Save the misconduct record</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="56"/>
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="58"/>
        <source>事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="59"/>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="60"/>
        <source>视频标记</source>
        <translation>Video bookmark</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="62"/>
        <source>情节</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="64"/>
        <source>工作人员签字…</source>
        <translation>Staff signature…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="65"/>
        <source>考场负责人确认…</source>
        <translation>Room head confirmation…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="66"/>
        <source>记录已告知</source>
        <translation>Record notice given</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="67"/>
        <source>作出处理决定</source>
        <translation>Make the decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="68"/>
        <source>处理决定告知书 PDF…</source>
        <translation>Decision notice PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="69"/>
        <source>处理决定书 PDF…</source>
        <translation>Decision letter PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="108"/>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="120"/>
        <source>已保存，须经2名工作人员签字</source>
        <translation>Saved; two staff members must sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="123"/>
        <source>签字人用户名：</source>
        <translation>Signer&apos;s user name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="126"/>
        <source>签字人密码：</source>
        <translation>Signer&apos;s password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="131"/>
        <source>工作人员签字</source>
        <translation>Staff signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="133"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="140"/>
        <location filename="../../app/ui/results/misconduct_panel.py" line="160"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="141"/>
        <source>考场负责人确认违纪事实；处理在告知当事人、听取陈述和申辩后由机构决定。继续？</source>
        <translation>The room head confirms the facts; the institution decides the penalty after notifying the candidate and hearing their statement. Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="145"/>
        <source>已确认违纪事实（待告知）</source>
        <translation>Facts confirmed (notice pending)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="158"/>
        <source>陈述和申辩</source>
        <translation>Statement</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="159"/>
        <source>当事人的陈述和申辩（放弃请填“放弃”；期限届满未提出请留空）：</source>
        <translation>The candidate&apos;s statement (type “放弃” if waived; leave empty if the period passed without one):</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="160"/>
        <source>作出书面处理决定？处理即生效。</source>
        <translation>Make the written decision? The penalty takes effect.</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="185"/>
        <source>保存处理决定书</source>
        <translation>Save decision letter</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="188"/>
        <source>已生成处理决定书：{0}</source>
        <translation>Decision letter written: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="143"/>
        <source>考场负责人确认</source>
        <translation>Room head confirmation</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="150"/>
        <source>告知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="150"/>
        <source>告知方式（如当面送达）：</source>
        <translation>How the notice was given (e.g. in person):</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="152"/>
        <source>已记录告知</source>
        <translation>Notice recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="168"/>
        <source>已作出处理决定</source>
        <translation>Decision made</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="175"/>
        <source>保存告知书</source>
        <translation>Save the notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/misconduct_panel.py" line="178"/>
        <source>已生成告知书：{0}</source>
        <translation>Notice generated: {0}</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <location filename="../../app/ui/stations/opening.py" line="30"/>
        <source>站点状态</source>
        <translation>Station status</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="41"/>
        <source>考场负责人同意入场</source>
        <translation>Room head lets the candidate in</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="43"/>
        <location filename="../../app/ui/checkin/desk.py" line="53"/>
        <source>考场负责人用户名</source>
        <translation>Room head&apos;s user name</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="46"/>
        <source>考场负责人密码</source>
        <translation>Room head&apos;s password</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="48"/>
        <source>同意理由</source>
        <translation>Reason for consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="54"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="55"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="57"/>
        <source>同意入场</source>
        <translation>Let in</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/desk.py" line="58"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PaperEntryPanel</name>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="27"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="31"/>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="33"/>
        <source>准考证号(&amp;T)：</source>
        <translation>&amp;Ticket no.:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="37"/>
        <source>考评员：</source>
        <translation>Grader:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="41"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="41"/>
        <source>评分项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="41"/>
        <source>配分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="41"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="42"/>
        <source>纸质评分表录入</source>
        <translation>Paper sheet entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="49"/>
        <source>否决项</source>
        <translation>Veto item</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="55"/>
        <source>保存本人录入(&amp;S)</source>
        <translation>&amp;Save my entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="87"/>
        <source>两人录入一致，评分表已记录</source>
        <translation>Both entries agree; the sheet is recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="89"/>
        <source>与另一人的录入有 {0} 处不一致（红色），请对照纸质评分表核对</source>
        <translation>{0} items differ from the other entry (red); check against the paper sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="92"/>
        <source>本人录入未完成</source>
        <translation>My entry is incomplete</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/paper.py" line="94"/>
        <source>已保存，等待另一人录入</source>
        <translation>Saved; waiting for the second entry</translation>
    </message>
</context>
<context>
    <name>PlaybackDialog</name>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="33"/>
        <source>加载中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="37"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="46"/>
        <source>（播放结束）</source>
        <translation>(end of video)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/incidents.py" line="54"/>
        <source>第 {0:.1f} 秒</source>
        <translation>{0:.1f} s</translation>
    </message>
</context>
<context>
    <name>PrintPanel</name>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="38"/>
        <location filename="../../app/ui/checkin/printing.py" line="83"/>
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="42"/>
        <location filename="../../app/ui/checkin/printing.py" line="84"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="44"/>
        <source>场次（签到表用）</source>
        <translation>Session (for the sign-in sheet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="46"/>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="46"/>
        <source>列数</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="51"/>
        <source>机位编号</source>
        <translation>Terminal numbers</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="52"/>
        <source>机房：机位编号，逗号分隔（填写后不用行列）</source>
        <translation>Computer room: terminal numbers, comma-separated (replaces rows and columns)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="54"/>
        <source>排座方式</source>
        <translation>Seating method</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="55"/>
        <source>随机排座（种子留存，可复现）</source>
        <translation>Random (seed kept, reproducible)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="56"/>
        <source>按准考证号顺序</source>
        <translation>In ticket-number order</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="57"/>
        <source>排座(&amp;S)</source>
        <translation>&amp;Seat</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="58"/>
        <source>理论知识考试</source>
        <translation>Theory exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="59"/>
        <source>场次名称</source>
        <translation>Session name</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="61"/>
        <location filename="../../app/ui/checkin/printing.py" line="99"/>
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="67"/>
        <location filename="../../app/ui/checkin/printing.py" line="100"/>
        <source>开考时间（北京时间）</source>
        <translation>Start (Beijing time)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="71"/>
        <source>开考后多少分钟不得入场</source>
        <translation>Minutes after the start when entry closes</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="72"/>
        <source>新建场次(&amp;N)</source>
        <translation>&amp;New session</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="74"/>
        <source>准考证(&amp;T)</source>
        <translation>&amp;Tickets</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="74"/>
        <source>签到表(&amp;G)</source>
        <translation>Si&amp;gn-in sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="75"/>
        <source>门贴名单(&amp;D)</source>
        <translation>&amp;Door list</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="75"/>
        <source>座位表(&amp;C)</source>
        <translation>Seating &amp;chart</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="80"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="85"/>
        <source>签到表场次</source>
        <translation>Session for the sign-in sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="86"/>
        <location filename="../../app/ui/checkin/printing.py" line="168"/>
        <source>排座</source>
        <translation>Seating</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="92"/>
        <source>行 × 列</source>
        <translation>Rows × columns</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="93"/>
        <source>或机位</source>
        <translation>Or terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="94"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="96"/>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="98"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="101"/>
        <source>开考后不得入场（分钟）</source>
        <translation>Entry closes after (minutes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="103"/>
        <source>打印（PDF）</source>
        <translation>Print (PDF)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="127"/>
        <source>（全部考场）</source>
        <translation>(all rooms)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="135"/>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="149"/>
        <source>已创建场次「{0}」</source>
        <translation>Session &quot;{0}&quot; created</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="156"/>
        <source>保存 PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="166"/>
        <source>请先选择一个考场</source>
        <translation>Choose a room first</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="168"/>
        <source>为「{0}」重新排座？已有座位号将被覆盖（记入日志）。</source>
        <translation>Seat &quot;{0}&quot; again? Existing seat numbers are replaced (recorded in the journal).</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="174"/>
        <source>「{0}」已排座 {1} 人</source>
        <translation>&quot;{0}&quot;: {1} seated</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="178"/>
        <source>正在排座…</source>
        <translation>Seating…</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="186"/>
        <source>座位表须选择一个考场</source>
        <translation>A seating chart needs one room</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="210"/>
        <source>已写出 {0}（{1}）</source>
        <translation>Written: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/checkin/printing.py" line="214"/>
        <source>正在生成 PDF…</source>
        <translation>Making the PDF…</translation>
    </message>
</context>
<context>
    <name>ProctorBoard</name>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="56"/>
        <source>离线（从未连接）</source>
        <translation>Offline (never connected)</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="57"/>
        <source>离线 {0} 前</source>
        <translation>Offline since {0} ago</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="60"/>
        <source>未登录</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="62"/>
        <source>{0}
已交卷</source>
        <translation>{0}
Submitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="64"/>
        <source>{0}
已暂停</source>
        <translation>{0}
Paused</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="65"/>
        <source>{0}
作答中 {1}</source>
        <translation>{0}
Answering {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="69"/>
        <source>{0} 秒</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="71"/>
        <source>{0} 分钟</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="72"/>
        <source>{0} 小时</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="82"/>
        <source>还没有登记的考试终端：请在「连接终端」中开启链路并批准终端。</source>
        <translation>No exam terminal is enrolled yet: start the link and grant terminals under Connect terminals.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="84"/>
        <source>灰：未登录&#x3000;绿：作答中&#x3000;黄：已暂停&#x3000;蓝：已交卷&#x3000;红：离线</source>
        <translation>Grey: not signed in  Green: answering  Yellow: paused  Blue: submitted  Red: offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="91"/>
        <source>作答中</source>
        <translation>Answering</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="91"/>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="91"/>
        <source>已交卷</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="92"/>
        <source>已放行</source>
        <translation>Released</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="92"/>
        <source>等待开考</source>
        <translation>Waiting to start</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="96"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="99"/>
        <source>主机已收到 {0} 名考生的作答：已交卷 {1} 名。</source>
        <translation>The master holds {0} candidates&apos; sittings; {1} submitted.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="101"/>
        <source>开考后，这里列出主机收到的每位考生的作答情况。</source>
        <translation>Once the exam runs, each candidate&apos;s sitting as received by the master is listed here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="114"/>
        <source>「{0}」已发往 {1} 台终端：已收到 {2} 台</source>
        <translation>&quot;{0}&quot; sent to {1} terminals: {2} received</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="122"/>
        <source>{0} 离线 {1}</source>
        <translation>{0} offline for {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="125"/>
        <source>，等待 {0} 台……</source>
        <translation>, waiting for {0}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="127"/>
        <source>；未收到：{0}。联系恢复后终端会自动收到。</source>
        <translation>; not received: {0}. They will receive it when they reconnect.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="129"/>
        <source>，全部收到。</source>
        <translation>, all received.</translation>
    </message>
</context>
<context>
    <name>ProctorWorkplace</name>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="182"/>
        <location filename="../../app/ui/proctor/console.py" line="194"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="182"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="182"/>
        <location filename="../../app/ui/proctor/console.py" line="194"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="182"/>
        <location filename="../../app/ui/proctor/console.py" line="270"/>
        <source>考生</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="183"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="183"/>
        <location filename="../../app/ui/proctor/console.py" line="194"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="183"/>
        <location filename="../../app/ui/proctor/console.py" line="195"/>
        <source>切屏次数</source>
        <translation>Focus losses</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="183"/>
        <source>待发送</source>
        <translation>Unsent</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="183"/>
        <source>主机已收</source>
        <translation>Held by master</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="190"/>
        <source>终端实时状态</source>
        <translation>Live terminal state</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="155"/>
        <source>开考</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="155"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="155"/>
        <source>继续</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="156"/>
        <source>结束考试</source>
        <translation>End exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="164"/>
        <source>终端统计</source>
        <translation>Terminal counts</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="168"/>
        <source>操作反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="175"/>
        <source>灰：未登录&#x3000;绿：作答中&#x3000;黄：已暂停&#x3000;蓝：已交卷&#x3000;红：离线</source>
        <translation>Grey: not signed in  Green: answering  Yellow: paused  Blue: submitted  Red: offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="182"/>
        <source>最后联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="194"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="194"/>
        <source>已答题数</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="200"/>
        <source>主机上的考生作答</source>
        <translation>Sittings on the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="201"/>
        <source>开考后，这里列出主机收到的每位考生的作答情况。</source>
        <translation>Once the exam runs, each candidate&apos;s sitting as received by the master is listed here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="213"/>
        <source>开启考场链路</source>
        <translation>Open the room link</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="216"/>
        <source>第一步：在本机开启考场链路。
第二步：在每台考试终端上输入下面的主机地址，并核对终端显示的证书指纹与这里一致。
第三步：终端屏幕会显示一个登记码；在下表中找到相同的登记码，点「批准」。</source>
        <translation>Step 1: start the room link on this computer.
Step 2: on each exam terminal, type the master address below and check that the certificate fingerprint it shows matches this one.
Step 3: the terminal shows an enrolment code; find the same code in the table below and click Grant.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="224"/>
        <source>证书指纹</source>
        <translation>Certificate fingerprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="226"/>
        <source>登记码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="226"/>
        <source>终端名称</source>
        <translation>Terminal name</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="226"/>
        <source>请求时间</source>
        <translation>Requested at</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="231"/>
        <source>等待批准的终端</source>
        <translation>Terminals waiting to be granted</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="232"/>
        <source>批准选中的终端</source>
        <translation>Grant the selected terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="235"/>
        <source>批准终端接入须由考场负责人或管理员操作。</source>
        <translation>Granting terminals is done by the room head or the administrator.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="173"/>
        <location filename="../../app/ui/proctor/console.py" line="249"/>
        <source>座位图</source>
        <translation>Seat map</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="250"/>
        <source>终端列表</source>
        <translation>Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="251"/>
        <source>考生作答</source>
        <translation>Sittings</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="252"/>
        <source>连接终端</source>
        <translation>Connect terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="255"/>
        <source>延长时间…</source>
        <translation>Extend time…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="256"/>
        <source>强制交卷…</source>
        <translation>Force submit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="257"/>
        <source>换机…</source>
        <translation>Move to another terminal…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="263"/>
        <source>（先在座位图或终端列表中选中考生）</source>
        <translation>(select a candidate in the seat map or the terminal list first)</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="266"/>
        <source>考场情况记录</source>
        <translation>Room incident record</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="269"/>
        <source>准考证号（可空）</source>
        <translation>Ticket number (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="274"/>
        <source>发生了什么</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="276"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="376"/>
        <source>终端 {0} 台：在线 {1}，离线 {2}</source>
        <translation>{0} terminals: {1} online, {2} offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="396"/>
        <source>「{0}」已发往 {1} 台终端，等待终端接收……</source>
        <translation>&quot;{0}&quot; sent to {1} terminals, waiting for them to receive it…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="407"/>
        <source>请先在座位图或终端列表中选中有考生的终端</source>
        <translation>First select a terminal with a candidate in the seat map or the terminal list</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="275"/>
        <source>情况</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="302"/>
        <source>链路服务：{0}（证书指纹 {1}…）</source>
        <translation>Room link: {0} (certificate fingerprint {1}…)</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="304"/>
        <source>主机地址：{0}
证书指纹：{1}</source>
        <translation>Master address: {0}
Certificate fingerprint: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="307"/>
        <source>链路服务：未开启</source>
        <translation>Room link: not open</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="308"/>
        <source>链路开启后，这里显示主机地址和证书指纹。</source>
        <translation>Once the link runs, its address and certificate fingerprint show here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="312"/>
        <source>正在开启考场链路…</source>
        <translation>Opening the room link…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="317"/>
        <source>请先在表中选中终端屏幕上显示的登记码</source>
        <translation>First select the enrolment code the terminal shows</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="321"/>
        <source>已批准登记码 {0}：{1} 登记为终端 {2}</source>
        <translation>Granted code {0}: {1} enrolled as terminal {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="359"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="359"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="389"/>
        <source>考场操作</source>
        <translation>Room action</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="389"/>
        <source>确定对全部终端执行「{0}」？</source>
        <translation>Apply &quot;{0}&quot; to every terminal?</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="402"/>
        <source>监考台</source>
        <translation>Proctor console</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="412"/>
        <source>原因（必填）：</source>
        <translation>Reason (required):</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="419"/>
        <location filename="../../app/ui/proctor/console.py" line="420"/>
        <source>延长时间</source>
        <translation>Extend time</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="419"/>
        <source>延长分钟数：</source>
        <translation>Minutes to add:</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="423"/>
        <source>已为 {0} 延长 {1} 分钟</source>
        <translation>Extended {0} by {1} minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="429"/>
        <location filename="../../app/ui/proctor/console.py" line="430"/>
        <source>强制交卷</source>
        <translation>Force submit</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="430"/>
        <source>确定为考生 {0} 强制交卷？</source>
        <translation>Force submit for candidate {0}?</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="432"/>
        <source>已为 {0} 强制交卷</source>
        <translation>Force-submitted for {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="440"/>
        <source>没有在线的空闲终端</source>
        <translation>No spare terminal is online</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="442"/>
        <location filename="../../app/ui/proctor/console.py" line="443"/>
        <location filename="../../app/ui/proctor/console.py" line="444"/>
        <source>换机</source>
        <translation>Move terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="442"/>
        <source>换到终端：</source>
        <translation>Move to terminal:</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="444"/>
        <source>确定把考生 {0} 从 {1} 换到 {2}？</source>
        <translation>Move candidate {0} from {1} to {2}?</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="447"/>
        <source>已通知 {0} 接续考生 {1}</source>
        <translation>{0} told to continue candidate {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/proctor/console.py" line="456"/>
        <source>情况记录已保存</source>
        <translation>Incident record saved</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="182"/>
        <source>评分完成情况</source>
        <translation>Scoring completeness</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="184"/>
        <source>登记缺考(&amp;A)…</source>
        <translation>Record &amp;absence…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="213"/>
        <source>工位</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="213"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="214"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="228"/>
        <source>全部签字</source>
        <translation>All signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="228"/>
        <source>未完成</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="235"/>
        <source>请先选择考生</source>
        <translation>Select a candidate first</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="239"/>
        <location filename="../../app/ui/scoring/chief.py" line="244"/>
        <source>登记缺考</source>
        <translation>Record absence</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="239"/>
        <source>考生 {0} 缺考的情况：</source>
        <translation>Why is candidate {0} absent:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="240"/>
        <source>未参加实操考核</source>
        <translation>Did not take the practical exam</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="245"/>
        <source>确定登记考生 {0} 缺考？登记后该考生不能再评分。</source>
        <translation>Record candidate {0} as absent? The candidate can no longer be scored.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="248"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="249"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="253"/>
        <source>已登记 {0} 缺考</source>
        <translation>{0} recorded as absent</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="100"/>
        <source>考评员资格：{0}</source>
        <translation>Grader qualification: {0}</translation>
    </message>
</context>
<context>
    <name>ReadinessTab</name>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="28"/>
        <location filename="../../app/ui/admin/readiness_view.py" line="41"/>
        <source>认定计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="29"/>
        <source>（不指定认定计划）</source>
        <translation>(no plan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="37"/>
        <source>按考试日计算（每日 8 小时）</source>
        <translation>From the exam days (8 hours a day)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="39"/>
        <location filename="../../app/ui/admin/readiness_view.py" line="42"/>
        <source>预计录像小时数</source>
        <translation>Expected recording hours</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="43"/>
        <location filename="../../app/ui/admin/readiness_view.py" line="44"/>
        <source>考前自检</source>
        <translation>Readiness check</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="46"/>
        <source>导出 PDF 报告…</source>
        <translation>Export PDF report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="47"/>
        <location filename="../../app/ui/admin/readiness_view.py" line="122"/>
        <source>导出 PDF 报告</source>
        <translation>Export PDF report</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="54"/>
        <source>自检进度</source>
        <translation>Readiness check progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="59"/>
        <source>晚上开考前在每台计算机上运行一次：检查磁盘、摄像头、供电、时钟、数据库、密钥、终端和打印机。</source>
        <translation>Run this on every computer the evening before the exam: it checks the disk, cameras, power, clock, store, keys, terminals and printer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="61"/>
        <source>自检结论</source>
        <translation>Readiness verdict</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="63"/>
        <source>检查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="63"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="63"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="69"/>
        <source>自检结果列表</source>
        <translation>Readiness check results</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="84"/>
        <source>正在自检…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="86"/>
        <source>正在进行考前自检…</source>
        <translation>Running the readiness check…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="109"/>
        <source>{0} {1}（用时 {2:.1f} 秒；第 {3} 号报告，已由站点密钥 {4} 签名并保存）</source>
        <translation>{0} {1} ({2:.1f} s; report no. {3}, signed with site key {4} and saved)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="138"/>
        <source>报告已写出：{0}</source>
        <translation>Report written: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/readiness_view.py" line="139"/>
        <source>正在写出 PDF 报告…</source>
        <translation>Writing the PDF report…</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="25"/>
        <source>组长裁定 — {0}</source>
        <translation>Chief&apos;s decision — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="27"/>
        <source>各考评员的评分表不会被改动；裁定与理由单独记录。</source>
        <translation>The graders&apos; sheets are not changed; the decision and its reason are recorded separately.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="30"/>
        <source>裁定成绩(&amp;S)：</source>
        <translation>&amp;Score:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="31"/>
        <source>裁定理由(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="33"/>
        <source>确定裁定</source>
        <translation>Confirm decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="34"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordingsView</name>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="20"/>
        <source>核对哈希(&amp;H)</source>
        <translation>Check &amp;hashes</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="26"/>
        <source>录像记录</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="27"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="27"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="27"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="27"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="28"/>
        <source>帧数</source>
        <translation>Frames</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="28"/>
        <source>SHA-256 / 原因</source>
        <translation>SHA-256 / reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="31"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="55"/>
        <source>录像</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="57"/>
        <source>中断</source>
        <translation>Gap</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="70"/>
        <source>录像分段 {0} 个，中断 {1} 处</source>
        <translation>{0} segments, {1} gaps</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="75"/>
        <location filename="../../app/ui/cameras/recordings.py" line="80"/>
        <source>核对哈希</source>
        <translation>Check hashes</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="77"/>
        <source>全部录像分段的哈希与操作日志一致</source>
        <translation>Every segment&apos;s hash matches the journal</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/recordings.py" line="80"/>
        <source>正在核对录像哈希…</source>
        <translation>Checking the video hashes…</translation>
    </message>
</context>
<context>
    <name>ResultsWorkplace</name>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="123"/>
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="128"/>
        <source>签字（审核链下一步）</source>
        <translation>Sign (next review step)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="130"/>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="139"/>
        <source>成绩与证书</source>
        <translation>Results and certificates</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="140"/>
        <location filename="../../app/ui/results/workplace.py" line="141"/>
        <source>成绩与结果</source>
        <translation>Scores and results</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="146"/>
        <location filename="../../app/ui/results/workplace.py" line="151"/>
        <location filename="../../app/ui/results/workplace.py" line="156"/>
        <location filename="../../app/ui/results/workplace.py" line="215"/>
        <location filename="../../app/ui/results/workplace.py" line="279"/>
        <source>准考证号</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="149"/>
        <source>0—100，最多一位小数；缺考填“缺考”</source>
        <translation>0–100, at most one decimal; type “缺考” if absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="150"/>
        <source>录入（回车）</source>
        <translation>Enter (Return)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="152"/>
        <location filename="../../app/ui/results/workplace.py" line="156"/>
        <location filename="../../app/ui/results/workplace.py" line="167"/>
        <location filename="../../app/ui/results/workplace.py" line="215"/>
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="153"/>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="155"/>
        <source>纸质成绩须由两人分别录入，一致后才计入；不一致的行以红色标出。</source>
        <translation>Paper scores are typed by two people and count only when they agree; disagreements are shown in red.</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="156"/>
        <location filename="../../app/ui/results/workplace.py" line="215"/>
        <location filename="../../app/ui/results/workplace.py" line="279"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="156"/>
        <location filename="../../app/ui/results/workplace.py" line="174"/>
        <location filename="../../app/ui/results/workplace.py" line="216"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="157"/>
        <source>第一录入人</source>
        <translation>First typist</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="157"/>
        <source>第二录入人</source>
        <translation>Second typist</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="157"/>
        <source>第一次</source>
        <translation>First entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="157"/>
        <source>第二次</source>
        <translation>Second entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="162"/>
        <source>双人复核录入</source>
        <translation>Double entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="172"/>
        <source>成绩分布</source>
        <translation>Score distribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="174"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="174"/>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="174"/>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="175"/>
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="178"/>
        <source>登记鉴定中心审核…</source>
        <translation>Record the assessment centre&apos;s review…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="179"/>
        <source>分配证书编号</source>
        <translation>Allocate certificate numbers</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="180"/>
        <source>打印证书（PDF）…</source>
        <translation>Print certificates (PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="195"/>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="198"/>
        <source>开始公示</source>
        <translation>Start publication</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="199"/>
        <source>导出公示名单与确认单…</source>
        <translation>Export publication list and confirmation…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="200"/>
        <source>导出官方表格…</source>
        <translation>Export official tables…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="213"/>
        <source>公示与报表</source>
        <translation>Publication and tables</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="215"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="216"/>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="216"/>
        <source>签字人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="216"/>
        <source>处理</source>
        <translation>Penalty</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="217"/>
        <source>违纪处理记录</source>
        <translation>Misconduct register</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="221"/>
        <source>违纪处理</source>
        <translation>Misconduct</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="228"/>
        <source>内部督导报告</source>
        <translation>Internal supervision report</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="273"/>
        <source>正在读取成绩…</source>
        <translation>Reading scores…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="279"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="280"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="280"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="286"/>
        <source>待第二人录入</source>
        <translation>Waiting for second typist</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="286"/>
        <source>不一致</source>
        <translation>Mismatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="286"/>
        <source>一致</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="291"/>
        <source>审核状态：{0}</source>
        <translation>Review status: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="303"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="303"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="303"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="303"/>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="308"/>
        <source>合格 {0} 人，已分配证书编号 {1} 个</source>
        <translation>{0} passed, {1} certificate numbers allocated</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="316"/>
        <source>尚未公示（成绩复审定稿后方可公示）</source>
        <translation>Not published yet (publication follows the second review)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="318"/>
        <source>公示中</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="318"/>
        <source>已结束</source>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="319"/>
        <source>公示期 {0} 至 {1}（{2}个工作日），{3}</source>
        <translation>Publication {0} to {1} ({2} working days), {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="334"/>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="347"/>
        <source>已录入，等待第二人录入</source>
        <translation>Entered; waiting for the second typist</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="347"/>
        <source>与另一人录入的成绩不一致，请核对试卷</source>
        <translation>Differs from the other typist&apos;s entry; check the paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="348"/>
        <source>两人录入一致，成绩已计入</source>
        <translation>Both entries agree; the score now counts</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="354"/>
        <source>签字确认：请再次输入您的密码</source>
        <translation>To sign, enter your password again</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="359"/>
        <source>审核签字</source>
        <translation>Review signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="367"/>
        <location filename="../../app/ui/results/workplace.py" line="373"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="367"/>
        <source>重新打开已定稿成绩的理由：</source>
        <translation>Reason for reopening the approved scores:</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="370"/>
        <location filename="../../app/ui/results/workplace.py" line="381"/>
        <location filename="../../app/ui/results/workplace.py" line="409"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="370"/>
        <source>重新打开后须重新走完内督审核、初审、复审。继续？</source>
        <translation>After reopening, the supervisor check, first and second review must be signed again. Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="381"/>
        <source>为本批次合格考生分配证书编号？编号一经分配不再收回。</source>
        <translation>Allocate certificate numbers to the candidates who passed? Numbers once allocated are never taken back.</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="386"/>
        <source>已分配 {0} 个证书编号</source>
        <translation>{0} certificate numbers allocated</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="386"/>
        <source>正在分配证书编号…</source>
        <translation>Allocating certificate numbers…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="393"/>
        <location filename="../../app/ui/results/workplace.py" line="397"/>
        <source>鉴定中心审核</source>
        <translation>Assessment centre review</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="393"/>
        <source>审核单位（鉴定中心名称）：</source>
        <translation>Reviewing body (assessment centre):</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="397"/>
        <source>审核回复文号：</source>
        <translation>Reply document number:</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="404"/>
        <source>已登记鉴定中心审核：{0}</source>
        <translation>Assessment centre review recorded: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="409"/>
        <source>以脱敏的姓名和证件号码公示本批次认定结果？</source>
        <translation>Publish this batch&apos;s results with masked names and ID numbers?</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="415"/>
        <source>选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="432"/>
        <location filename="../../app/ui/results/workplace.py" line="446"/>
        <source>已导出 {0} 个文件到 {1}</source>
        <translation>{0} files exported to {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="434"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="451"/>
        <source>正在导出官方表格…</source>
        <translation>Exporting the official tables…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="456"/>
        <source>保存证书 PDF</source>
        <translation>Save certificates PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="459"/>
        <source>正在生成证书…</source>
        <translation>Generating certificates…</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/workplace.py" line="467"/>
        <source>已生成 {0} 张证书：{1}</source>
        <translation>{0} certificates generated: {1}</translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="20"/>
        <source>列出到期录像(&amp;L)</source>
        <translation>&amp;List expired video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="21"/>
        <source>删除可删除的录像(&amp;D)…</source>
        <translation>&amp;Delete what may go…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="25"/>
        <source>录像至少保存一年；只有上报数据包已生成并校验的批次，其录像才可删除。</source>
        <translation>Video is kept at least one year, and only for batches whose export bundle has been made and verified may it be deleted.</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="30"/>
        <source>保存期限</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="31"/>
        <source>处理</source>
        <translation>Penalty</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="31"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="31"/>
        <source>认定计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="31"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="32"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="48"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="48"/>
        <source>保留</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="54"/>
        <source>可删除 {0} 个分段，保留 {1} 个</source>
        <translation>{0} segments may go, {1} are kept</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="55"/>
        <source>没有到期的录像</source>
        <translation>No video has expired</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="58"/>
        <source>无权查看保存期限：仅管理员可操作</source>
        <translation>Not permitted: only an administrator manages retention</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="60"/>
        <source>正在整理到期录像…</source>
        <translation>Listing expired video…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="66"/>
        <location filename="../../app/ui/cameras/retention.py" line="73"/>
        <source>删除录像</source>
        <translation>Delete video</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="67"/>
        <source>将永久删除 {0} 个录像分段的视频文件（索引与操作日志保留）。确定吗？</source>
        <translation>This permanently deletes the video files of {0} segments (the index and the journal stay). Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="72"/>
        <source>已删除 {0} 个录像分段</source>
        <translation>{0} segments deleted</translation>
    </message>
    <message>
        <location filename="../../app/ui/cameras/retention.py" line="73"/>
        <source>正在删除…</source>
        <translation>Deleting…</translation>
    </message>
</context>
<context>
    <name>RoomConsoleView</name>
    <message>
        <location filename="../../app/ui/stations/room.py" line="147"/>
        <source>监考台</source>
        <translation>Room console</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="149"/>
        <source>本站点</source>
        <translation>This station</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="151"/>
        <source>与主机的连接</source>
        <translation>Link to the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="156"/>
        <source>座位</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="156"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="156"/>
        <location filename="../../app/ui/stations/room.py" line="158"/>
        <location filename="../../app/ui/stations/room.py" line="162"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="156"/>
        <location filename="../../app/ui/stations/room.py" line="162"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="157"/>
        <source>连接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="157"/>
        <source>作答</source>
        <translation>Sitting</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="157"/>
        <source>切屏次数</source>
        <translation>Focus losses</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="157"/>
        <location filename="../../app/ui/stations/room.py" line="176"/>
        <source>考场终端</source>
        <translation>Room terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="158"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="158"/>
        <source>情况</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="158"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="159"/>
        <location filename="../../app/ui/stations/room.py" line="177"/>
        <source>考场情况</source>
        <translation>Room incidents</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="162"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="162"/>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="163"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="163"/>
        <source>签字的工作人员</source>
        <translation>Signed by (staff)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="163"/>
        <source>考场负责人</source>
        <translation>Room head</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="164"/>
        <source>主机答复</source>
        <translation>Master&apos;s answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="164"/>
        <source>违纪事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="164"/>
        <location filename="../../app/ui/stations/room.py" line="175"/>
        <source>违纪记录</source>
        <translation>Misconduct findings</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="167"/>
        <source>记录违纪…</source>
        <translation>Record misconduct…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="168"/>
        <source>监考人员签字…</source>
        <translation>Proctor signs…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="169"/>
        <source>考场负责人确认…</source>
        <translation>Room head confirms…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="181"/>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="211"/>
        <source>读取本机数据失败：{0}</source>
        <translation>Could not read this station&apos;s data: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="219"/>
        <source>监考台 · {0} · {1}{2}（认定计划 {3}）</source>
        <translation>Room console · {0} · {1} {2} (plan {3})</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="223"/>
        <source>监考台 · 尚未由主机下发考场信息</source>
        <translation>Room console · not yet provisioned by the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="224"/>
        <source>已连接主机</source>
        <translation>Connected to the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="225"/>
        <source>离线 · 待发送 {0}</source>
        <translation>Offline · {0} to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="228"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="228"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="240"/>
        <source>违纪记录（{0}）</source>
        <translation>Misconduct findings ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="241"/>
        <source>考场终端（{0}）</source>
        <translation>Room terminals ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="242"/>
        <source>考场情况（{0}）</source>
        <translation>Room incidents ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="246"/>
        <source>作答中</source>
        <translation>Answering</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="246"/>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="246"/>
        <source>已交卷</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="247"/>
        <source>待授权</source>
        <translation>Awaiting authorisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="277"/>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="289"/>
        <source>已保存：违纪记录 {0}，请两名监考人员签字</source>
        <translation>Saved: finding {0}; two proctors must sign it</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="290"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="296"/>
        <source>监考人员签字</source>
        <translation>Proctor signs</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="297"/>
        <source>{0} {1}：{2}
须经2名（含）以上工作人员签字（第十六条）。</source>
        <translation>{0} {1}: {2}
Two or more staff must sign (Article 16).</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="304"/>
        <source>已保存：{0} 已有 {1} 名工作人员签字</source>
        <translation>Saved: {0} now has {1} staff signature(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="305"/>
        <location filename="../../app/ui/stations/room.py" line="321"/>
        <source>正在核对密码并保存…</source>
        <translation>Checking the password and saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="311"/>
        <source>考场负责人确认</source>
        <translation>Room head confirms</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="312"/>
        <source>{0} {1}：{2}
签字的工作人员：{3}。考场负责人不能是签字人之一（第十六条）。</source>
        <translation>{0} {1}: {2}
Signed by: {3}. The room head cannot be one of the signers (Article 16).</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="320"/>
        <source>已保存：{0} 已由考场负责人确认</source>
        <translation>Saved: {0} confirmed by the room head</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="327"/>
        <source>正在打开监考台…</source>
        <translation>Opening the room console…</translation>
    </message>
</context>
<context>
    <name>RosterImportTab</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="27"/>
        <source>名册文件</source>
        <translation>Roster file</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="27"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="31"/>
        <source>名册文件（.xlsx）</source>
        <translation>Roster file (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="29"/>
        <source>照片文件夹</source>
        <translation>Photo folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="29"/>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="32"/>
        <source>照片文件夹（可选）</source>
        <translation>Photo folder (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="33"/>
        <source>导入（全部成功或全部不导入）</source>
        <translation>Import (all or nothing)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="37"/>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="38"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="38"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="38"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="38"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="39"/>
        <source>导入错误列表</source>
        <translation>Import errors</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="27"/>
        <source>选择名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="29"/>
        <source>选择照片文件夹</source>
        <translation>Choose photo folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="49"/>
        <source>请先选择名册文件</source>
        <translation>Choose a roster file first</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="53"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="55"/>
        <source>正在校验并导入名册…</source>
        <translation>Checking and importing the roster…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="59"/>
        <source>导入成功：认定计划 {0} 个，考生 {1} 名，照片 {2} 张。</source>
        <translation>Imported: {0} batch plans, {1} candidates, {2} photos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="62"/>
        <source>{0} 名考生没有照片。</source>
        <translation>{0} candidates have no photo.</translation>
    </message>
</context>
<context>
    <name>RosterWorkplace</name>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="21"/>
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="23"/>
        <source>按准考证号、姓名或证件号码筛选</source>
        <translation>Filter by ticket no., name or ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="24"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="26"/>
        <source>准考证号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="26"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="26"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="26"/>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="27"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="27"/>
        <source>所在单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="27"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="27"/>
        <source>座位号</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="28"/>
        <source>考生名册</source>
        <translation>Candidate roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="29"/>
        <location filename="../../app/ui/admin/roster_view.py" line="74"/>
        <source>（照片）</source>
        <translation>(photo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="32"/>
        <source>名册照片</source>
        <translation>Roster photo</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="60"/>
        <source>考场：{0}；考生 {1} 名；合格线：{2}</source>
        <translation>Rooms: {0}; {1} candidates; pass marks: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roster_view.py" line="78"/>
        <source>（无照片）</source>
        <translation>(no photo)</translation>
    </message>
</context>
<context>
    <name>ScoringWorkplace</name>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="46"/>
        <source>认定批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="44"/>
        <source>认定计划：</source>
        <translation>Batch plan:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="48"/>
        <source>评分组：</source>
        <translation>Scoring group:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="51"/>
        <source>评分组</source>
        <translation>Scoring group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="52"/>
        <source>实操考评组</source>
        <translation>Practical grading group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="53"/>
        <source>综合评审组</source>
        <translation>Comprehensive review panel</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="79"/>
        <source>还不能评分：尚无认定批次</source>
        <translation>Scoring cannot start yet: there is no batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="85"/>
        <source>开始之前</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="111"/>
        <source>评分表与考评组</source>
        <translation>Template and graders</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="113"/>
        <source>评分</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="115"/>
        <source>分歧与裁定</source>
        <translation>Discrepancies</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="117"/>
        <source>完成情况</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="119"/>
        <source>成绩汇总</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="120"/>
        <source>回避</source>
        <translation>Avoidance</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="122"/>
        <source>纸质评分表录入</source>
        <translation>Paper sheet entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="160"/>
        <source>还不能评审：本批次尚未导入综合评审评分表</source>
        <translation>Cannot review yet: no comprehensive review score sheet imported for this batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="161"/>
        <source>还不能评分：本批次尚未导入评分记录表</source>
        <translation>Scoring cannot start yet: no scoring sheet imported for this batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="163"/>
        <source>还不能评审：本批次尚未组建综合评审组</source>
        <translation>Cannot review yet: no comprehensive review panel formed for this batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="164"/>
        <source>还不能评分：本批次尚未组建考评组</source>
        <translation>Scoring cannot start yet: no grader group formed for this batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="166"/>
        <source>您不在本批次的综合评审组中，不能为本批次评审</source>
        <translation>You are not on this batch&apos;s comprehensive review panel and cannot review it</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/workplace.py" line="167"/>
        <source>您不在本批次的考评组中，不能为本批次评分</source>
        <translation>You are not in this batch&apos;s grader group and cannot score it</translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="206"/>
        <source>{0} 第 {1} 步&#x3000;{2}：{3}</source>
        <translation>{0} Step {1}  {2}: {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="221"/>
        <source>考务人员</source>
        <translation>Exam staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="222"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="223"/>
        <source>在「认定批次与考生名册」导入本批次的考生名册</source>
        <translation>import this batch&apos;s roster in &quot;Batches and roster&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="224"/>
        <source>在「实操评分 › 评分表与考评组」导入评分记录表（Excel）</source>
        <translation>import the scoring sheet (Excel) in &quot;Practical scoring › Sheet and group&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="226"/>
        <source>在「实操评分 › 评分表与考评组」选定考评员和考评组长，组建考评组</source>
        <translation>choose the graders and the chief in &quot;Practical scoring › Sheet and group&quot; and form the group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="230"/>
        <source>把您（{0}）加入考评组</source>
        <translation>add you ({0}) to the grader group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="231"/>
        <source>考评员</source>
        <translation>Grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="232"/>
        <source>打开「实操评分 › 评分」，扫描准考证二维码开始评分</source>
        <translation>open &quot;Practical scoring › Scoring&quot; and scan a ticket QR code to start</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="71"/>
        <source>导入评分记录表(&amp;I)…</source>
        <translation>&amp;Import scoring template…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="77"/>
        <source>考评组成员</source>
        <translation>Group member</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="77"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="77"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="77"/>
        <source>考评员资格</source>
        <translation>Grader qualification</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="78"/>
        <source>此前考评（同职业）</source>
        <translation>Graded before (same occupation)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="79"/>
        <source>可选考评员</source>
        <translation>Available graders</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="82"/>
        <source>考评组长</source>
        <translation>Chief grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="83"/>
        <source>组建考评组(&amp;G)</source>
        <translation>Form &amp;grader group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="94"/>
        <source>考评组长(&amp;C)：</source>
        <translation>&amp;Chief grader:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="108"/>
        <source>评分记录表：{0}（考核项目 {1} 个，评分项 {2} 个）</source>
        <translation>Scoring template: {0} ({1} tasks, {2} items)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="111"/>
        <source>尚未导入评分记录表</source>
        <translation>No scoring template imported yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="122"/>
        <source>本站点省份规则实行轮换制：同职业上一批次的考评员不能连续进入考评组</source>
        <translation>This site&apos;s province rules require rotation: graders of the previous batch of the same occupation cannot join the next group</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="128"/>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="133"/>
        <source>（上一批次）</source>
        <translation> (previous batch)</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="139"/>
        <source>轮换制：上一批次已考评</source>
        <translation>Rotation: graded the previous batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="151"/>
        <source>评分已开始，考评组已锁定</source>
        <translation>Scoring has started; the group is locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="155"/>
        <source>选择评分记录表</source>
        <translation>Choose scoring template</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="160"/>
        <source>已导入：{0}</source>
        <translation>Imported: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="167"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="178"/>
        <source>考评组已组建</source>
        <translation>Grader group formed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/setup.py" line="180"/>
        <source>；有 {0} 处回避情形，须更换考评员或由考场负责人允许</source>
        <translation>; {0} avoidance conflicts must be resolved (swap the grader or the room head allows)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="90"/>
        <source>签字确认</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="93"/>
        <source>{0}：{1}
签字后不能修改；如需更正须另写理由。</source>
        <translation>{0}: {1}
A signed sheet cannot be changed; a correction needs a written reason.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="97"/>
        <source>登录密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="100"/>
        <source>手写签名：</source>
        <translation>Handwritten signature:</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="103"/>
        <source>清除签名(&amp;C)</source>
        <translation>&amp;Clear signature</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="109"/>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="110"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="121"/>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="124"/>
        <source>请手写签名</source>
        <translation>Draw your signature</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../app/ui/scoring/signature.py" line="21"/>
        <source>请在此处手写签名</source>
        <translation>Sign here by hand</translation>
    </message>
</context>
<context>
    <name>SignerDialog</name>
    <message>
        <location filename="../../app/ui/stations/room.py" line="52"/>
        <location filename="../../app/ui/stations/room.py" line="55"/>
        <source>签字人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="58"/>
        <location filename="../../app/ui/stations/room.py" line="59"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="61"/>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/room.py" line="62"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SiteAdminWorkplace</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="245"/>
        <source>名册导入</source>
        <translation>Roster import</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="246"/>
        <source>工作人员账户</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="247"/>
        <source>评价机构</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="249"/>
        <source>考前自检</source>
        <translation>Readiness check</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="251"/>
        <source>站点与终端</source>
        <translation>Stations and terminals</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="149"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="149"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="149"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="149"/>
        <source>所在单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="150"/>
        <source>证卡编号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="150"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="150"/>
        <source>考评员资格</source>
        <translation>Grader qualification</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="151"/>
        <source>工作人员账户列表</source>
        <translation>Staff account list</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="153"/>
        <source>新建账户…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="153"/>
        <source>考评员资格…</source>
        <translation>Grader qualification…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="154"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="155"/>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="155"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="169"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="169"/>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="171"/>
        <source>（已锁定）</source>
        <translation> (locked)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="188"/>
        <source>正在创建账户…</source>
        <translation>Creating the account…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="202"/>
        <source>正在登记考评员资格…</source>
        <translation>Recording the grader qualification…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="211"/>
        <source>停用账户</source>
        <translation>Deactivate account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="211"/>
        <source>确定停用账户「{0}」吗？停用后该账户无法登录。</source>
        <translation>Deactivate account “{0}”? It will no longer be able to log in.</translation>
    </message>
</context>
<context>
    <name>StationShell</name>
    <message>
        <location filename="../../app/ui/stations/app.py" line="137"/>
        <source>站点类型</source>
        <translation>Station kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="140"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="143"/>
        <source>机器编号</source>
        <translation>Machine id</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="145"/>
        <source>与主机的连接</source>
        <translation>Link to the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="146"/>
        <source>导出数据包…</source>
        <translation>Export pack…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="147"/>
        <source>链路断开时：把本站点的记录写到U盘，交主机导入</source>
        <translation>When the link is down: write this station&apos;s records to a USB stick for the master</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="149"/>
        <source>导入主机指令包…</source>
        <translation>Import master pack…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="150"/>
        <source>链路断开时：导入主机写到U盘的下发内容和答复</source>
        <translation>When the link is down: import what the master wrote to a USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="167"/>
        <source>数据包结果</source>
        <translation>Pack result</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="170"/>
        <source>等待主机下发…

本站点已登记；主机管理员下发场次或工作内容后，这里自动显示。</source>
        <translation>Waiting for the master…

This station is enrolled; its work shows here once the administrator sends it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="203"/>
        <source>站点（等待主机下发）</source>
        <translation>Station (waiting for the master)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="204"/>
        <source>考场：{0}</source>
        <translation>Room: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="205"/>
        <source>考场：不限</source>
        <translation>Room: any</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="206"/>
        <source>机器 {0}（{1}）</source>
        <translation>Machine {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="208"/>
        <source>● 在线 · 待发送 {0} 条</source>
        <translation>● Online · {0} to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="210"/>
        <source>● 离线 · 待发送 {0} 条</source>
        <translation>● Offline · {0} to send</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="227"/>
        <source>导出数据包</source>
        <translation>Export pack</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="228"/>
        <location filename="../../app/ui/stations/app.py" line="239"/>
        <source>数据包 (*.espack)</source>
        <translation>Packs (*.espack)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="235"/>
        <source>已写出本站点记录 {0} 条：{1}（交主机「导入站点数据包」）</source>
        <translation>Wrote {0} records of this station: {1} (import on the master)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="236"/>
        <source>正在写出数据包…</source>
        <translation>Writing the pack…</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="239"/>
        <source>导入主机指令包</source>
        <translation>Import master pack</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="246"/>
        <source>已导入主机指令 {0} 条（已有的不会重复）</source>
        <translation>Imported {0} master commands (those held already are skipped)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/app.py" line="247"/>
        <source>正在导入指令包…</source>
        <translation>Importing the pack…</translation>
    </message>
</context>
<context>
    <name>StationUnlock</name>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="30"/>
        <source>打开本站点</source>
        <translation>Open this station</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="32"/>
        <source>首次使用本机：请为本站点设置口令（至少 {0} 位），并交站点负责人保管。本站点的记录加密保存，忘记口令将无法打开。</source>
        <translation>First use of this machine: set a passphrase for this station (at least {0} characters) and give it to the site head for safekeeping. The station&apos;s records are encrypted; without the passphrase they cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="34"/>
        <source>本站点的记录加密保存。请输入本站点口令。</source>
        <translation>This station&apos;s records are encrypted. Enter the station passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="38"/>
        <location filename="../../app/ui/stations/unlock.py" line="50"/>
        <source>站点口令</source>
        <translation>Station passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="41"/>
        <source>再次输入口令</source>
        <translation>Passphrase again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="45"/>
        <source>提示</source>
        <translation>Hint</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="46"/>
        <source>设置口令并打开</source>
        <translation>Set passphrase and open</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="46"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="52"/>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="69"/>
        <source>口令至少 {0} 位</source>
        <translation>The passphrase needs at least {0} characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="72"/>
        <source>两次输入的口令不一致，请重新输入</source>
        <translation>The two passphrases differ; enter them again</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="76"/>
        <source>请输入本站点口令</source>
        <translation>Enter the station passphrase</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations/unlock.py" line="83"/>
        <source>正在打开本站点…</source>
        <translation>Opening the station…</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../../app/ui/stations/app.py" line="259"/>
        <source>ExamSite 站点</source>
        <translation>ExamSite station</translation>
    </message>
</context>
<context>
    <name>StationsTab</name>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="41"/>
        <source>等待登记的终端和站点（核对对方屏幕上的登记码）</source>
        <translation>Terminals and stations waiting (check the code on their screen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="42"/>
        <source>登记码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="42"/>
        <location filename="../../app/ui/admin/stations_view.py" line="56"/>
        <location filename="../../app/ui/admin/stations_view.py" line="62"/>
        <location filename="../../app/ui/admin/stations_view.py" line="78"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="42"/>
        <source>请求时间</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="43"/>
        <source>等待登记的请求</source>
        <translation>Enrollment requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="49"/>
        <location filename="../../app/ui/admin/stations_view.py" line="62"/>
        <location filename="../../app/ui/admin/stations_view.py" line="78"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="52"/>
        <location filename="../../app/ui/admin/stations_view.py" line="62"/>
        <location filename="../../app/ui/admin/stations_view.py" line="78"/>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="55"/>
        <source>默认用对方报来的名称</source>
        <translation>Default: the name it sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="58"/>
        <source>准予登记</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="70"/>
        <source>登记结果</source>
        <translation>Grant result</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="77"/>
        <source>已登记的站点</source>
        <translation>Enrolled stations</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="78"/>
        <source>编号</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="78"/>
        <source>连接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="79"/>
        <source>最后联系</source>
        <translation>Last heard</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="79"/>
        <source>待发送</source>
        <translation>To send</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="79"/>
        <location filename="../../app/ui/admin/stations_view.py" line="82"/>
        <location filename="../../app/ui/admin/stations_view.py" line="92"/>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="79"/>
        <source>名册人数</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="80"/>
        <source>站点列表</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="85"/>
        <source>向选中的站点下发</source>
        <translation>Provision the selected station</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="224"/>
        <source>请先选中一个站点和场次</source>
        <translation>Select a station and a session first</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="233"/>
        <source>已向 {0} 下发评分表、考评组账户和 {1} 名考生</source>
        <translation>Sent {0} the score sheet template, the grading group&apos;s accounts and {1} candidates</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="267"/>
        <source>已向 {0} 下发本考场 {1} 名考生、{2} 名工作人员、{3} 台终端</source>
        <translation>Sent {0} its room: {1} candidates, {2} staff, {3} terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="242"/>
        <source>考试终端在理论考试工作台准备，不在这里下发</source>
        <translation>Exam terminals are prepared in the theory workplace, not here</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="250"/>
        <source>正在下发…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="87"/>
        <source>写出发给选中站点的指令包…</source>
        <translation>Write a pack for the selected station…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="89"/>
        <source>导入站点数据包…</source>
        <translation>Import a station pack…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="100"/>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="143"/>
        <source>（不限考场）</source>
        <translation>(any room)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="159"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="160"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="160"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="161"/>
        <source>未联系</source>
        <translation>Not heard</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="163"/>
        <source>未下发</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="194"/>
        <source>请先在表中选中对方屏幕上显示的登记码</source>
        <translation>First select the code shown on its screen</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="201"/>
        <source>正在准予登记…</source>
        <translation>Granting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="206"/>
        <source>，{0}</source>
        <translation>, {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="207"/>
        <source>已准予登记为 {0}（{1}{2}）。</source>
        <translation>Granted as {0} ({1}{2}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="209"/>
        <source>请核对对方屏幕上的确认码：{0}</source>
        <translation>Check its screen shows the confirmation code: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="229"/>
        <source>已向 {0} 下发 {1} 名考生（含照片）</source>
        <translation>Sent {1} candidates (with photos) to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="262"/>
        <source>请至少勾选一名考场负责人</source>
        <translation>Tick at least one room head</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="274"/>
        <source>请先选中一个站点</source>
        <translation>First select a station</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="276"/>
        <source>写出指令包</source>
        <translation>Write a command pack</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="277"/>
        <location filename="../../app/ui/admin/stations_view.py" line="287"/>
        <source>数据包 (*.espack)</source>
        <translation>Packs (*.espack)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="283"/>
        <source>已写出发给 {0} 的指令 {1} 条：{2}</source>
        <translation>Wrote {1} commands for {0}: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="284"/>
        <source>正在写出指令包…</source>
        <translation>Writing the command pack…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="287"/>
        <source>导入站点数据包</source>
        <translation>Import a station pack</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="293"/>
        <source>已导入：新增 {0} 条，重复 {1} 条（重复的不会再计入）</source>
        <translation>Imported: {0} new, {1} repeated (repeats are not counted again)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/stations_view.py" line="295"/>
        <source>正在导入数据包…</source>
        <translation>Importing the pack…</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="120"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="120"/>
        <source>准考证号码</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="120"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="120"/>
        <source>实操成绩</source>
        <translation>Practical score</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="120"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="120"/>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="121"/>
        <source>实操成绩汇总</source>
        <translation>Practical summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="125"/>
        <source>签署汇总表(&amp;S)</source>
        <translation>&amp;Sign summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="126"/>
        <source>导出汇总表 PDF(&amp;E)</source>
        <translation>&amp;Export summary PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="149"/>
        <source>考评组长</source>
        <translation>chief grader</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="149"/>
        <source>成员</source>
        <translation>member</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="149"/>
        <source>，汇总已变，需重签</source>
        <translation>, summary changed, sign again</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="150"/>
        <source>已签署：</source>
        <translation>Signed by: </translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="152"/>
        <source>无</source>
        <translation>nobody</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="155"/>
        <source>实操（综合成绩）汇总表</source>
        <translation>Practical (comprehensive) score summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="162"/>
        <source>已签署汇总表</source>
        <translation>Summary signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="162"/>
        <source>正在核验密码并签署…</source>
        <translation>Checking the password and signing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="166"/>
        <source>导出汇总表</source>
        <translation>Export summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="171"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/scoring/chief.py" line="172"/>
        <source>正在生成 PDF…</source>
        <translation>Generating PDF…</translation>
    </message>
</context>
<context>
    <name>SupervisionForm</name>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="34"/>
        <source>否决项（触犯任何一项即本次内督得分为0，且暂停本次认定）</source>
        <translation>Veto items (any one sets this supervision score to 0 and suspends the assessment)</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="42"/>
        <source>内督人员意见或其他问题说明</source>
        <translation>Internal supervisor&apos;s opinion or other remarks</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="43"/>
        <source>内督人员意见</source>
        <translation>Internal supervisor&apos;s opinion</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="45"/>
        <source>签字保存督导报告</source>
        <translation>Sign and save the supervision report</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="68"/>
        <source>总分：{0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="75"/>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="75"/>
        <source>签字确认：请再次输入您的密码</source>
        <translation>To sign, enter your password again</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="82"/>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/results/supervision_form.py" line="85"/>
        <source>已签字保存，总分：{0}</source>
        <translation>Signed and saved, total {0}</translation>
    </message>
</context>
<context>
    <name>TheoryWorkplace</name>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="39"/>
        <source>认定计划：</source>
        <translation>Batch plan:</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="43"/>
        <source>题库（只显示数量）</source>
        <translation>Question bank (counts only)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="47"/>
        <source>导入题库（.xlsx / QTI .zip）…</source>
        <translation>Import question bank (.xlsx / QTI .zip)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="53"/>
        <source>组卷方案</source>
        <translation>Paper blueprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="66"/>
        <source>题数</source>
        <translation>Questions</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="68"/>
        <source>每题分值</source>
        <translation>Points each</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="82"/>
        <source>随机（每位考生题序、选项序不同）</source>
        <translation>Random (each candidate gets their own order of questions and options)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="83"/>
        <source>固定 A/B 卷</source>
        <translation>Fixed A/B papers</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="87"/>
        <source>考试时长（分钟）</source>
        <translation>Duration (minutes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="88"/>
        <source>合格分数线</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="89"/>
        <source>多选少选得分比例（0 为全对才得分）</source>
        <translation>Partial credit for multiple choice (0 = all or nothing)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="90"/>
        <source>组卷方式</source>
        <translation>Assembly</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="91"/>
        <source>断机自动续考时限（分钟）</source>
        <translation>Automatic resume limit after an outage (minutes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="93"/>
        <source>保存组卷方案</source>
        <translation>Save blueprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="98"/>
        <source>试卷封存与解封（双人双锁）</source>
        <translation>Sealing and unsealing the papers (two custodians)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="103"/>
        <source>保管人{0} 用户名</source>
        <translation>Custodian {0} user name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="104"/>
        <source>保管人{0} 密码</source>
        <translation>Custodian {0} password</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="108"/>
        <source>组卷并封存</source>
        <translation>Assemble and seal</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="109"/>
        <source>共同解封（考试当日）</source>
        <translation>Unseal together (on exam day)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="114"/>
        <source>向考试终端重新下发试卷密钥</source>
        <translation>Send the paper key to the exam terminals again</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="115"/>
        <source>解封时已自动发往已登记的考试终端；解封后才登记的终端用此按钮补发</source>
        <translation>The unlock sent it to the enrolled exam terminals already; use this for terminals enrolled after the unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="134"/>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="146"/>
        <source>尚无认定计划，请先导入名册</source>
        <translation>No batch plan yet: import the roster first</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="150"/>
        <source>题库 {0} {1}：共 {2} 题（{3}）；鉴定点 {4} 个</source>
        <translation>Bank {0} {1}: {2} questions ({3}); {4} knowledge points</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="152"/>
        <source>
题量少于 600 题</source>
        <translation>
Fewer than 600 questions</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="165"/>
        <source>试卷未封存</source>
        <translation>Papers not sealed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="167"/>
        <source>已封存：{0}，保管人 {1}，共 {2} 题，摘要 {3}…</source>
        <translation>Sealed: {0}, custodians {1}, {2} questions, digest {3}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="171"/>
        <source>
已解封：{0}，由 {1} 共同解封</source>
        <translation>
Unsealed: {0}, by {1} together</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="176"/>
        <source>选择题库文件</source>
        <translation>Choose question bank file</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="177"/>
        <source>题库 (*.xlsx *.zip)</source>
        <translation>Question bank (*.xlsx *.zip)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="189"/>
        <source>已导入 {0} 题，题库现有 {1} 题。{2}</source>
        <translation>Imported {0} questions; the bank now holds {1}. {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="196"/>
        <source>正在导入题库…</source>
        <translation>Importing the question bank…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="212"/>
        <source>组卷方案已保存</source>
        <translation>Blueprint saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="221"/>
        <source>按当前组卷方案组卷并封存试卷？已封存但未解封的试卷将被替换。</source>
        <translation>Assemble and seal papers with this blueprint? Sealed papers not yet unsealed will be replaced.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="226"/>
        <source>试卷已封存</source>
        <translation>Papers sealed</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="227"/>
        <source>正在组卷并封存…</source>
        <translation>Assembling and sealing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="237"/>
        <source>试卷已解封；试卷密钥已加密发往 {0} 台已登记的考试终端</source>
        <translation>Papers unlocked; the paper key was sent, encrypted, to {0} enrolled exam terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="239"/>
        <source>试卷已解封；尚无已登记的考试终端，终端登记后请点「向考试终端重新下发试卷密钥」</source>
        <translation>Papers unlocked; no exam terminal is enrolled yet: once terminals are enrolled, click &quot;Send the paper key to the exam terminals again&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="245"/>
        <source>试卷密钥已加密发往 {0} 台已登记的考试终端</source>
        <translation>The paper key was sent, encrypted, to {0} enrolled exam terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="246"/>
        <source>正在下发试卷密钥…</source>
        <translation>Sending the paper key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/theory_view.py" line="233"/>
        <source>正在解封…</source>
        <translation>Unsealing…</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="81"/>
        <source>（未登记）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="86"/>
        <source>职业名称或编码，如 电工</source>
        <translation>Occupation name or code, e.g. 电工</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="87"/>
        <source>考评员证号</source>
        <translation>Grader card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="87"/>
        <source>考评员等级</source>
        <translation>Grader level</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/site_admin.py" line="88"/>
        <source>考评职业</source>
        <translation>Graded occupation</translation>
    </message>
</context>
</TS>
