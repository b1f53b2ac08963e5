// 系统管理 administration console texts, mounted at the top level of src/i18n.ts (their keys were there first).
export const adminZh = {
  account: {
    title: '账号管理', username: '用户名', displayName: '名称', role: '角色', region: '管辖地区', active: '启用',
    lockedUntil: '锁定至', password: '密码', passwordHint: '至少8位，包含字母和数字', passwordEditHint: '留空则不修改密码',
    create: '新增账号', edit: '编辑账号', enabled: '启用', disabled: '停用',
    providerId: '服务商编号', providerHint: '服务商账号须绑定已登记的服务商（养老助残儿童 → 服务商名册）',
  },
  audit: {
    title: '审计日志', seq: '序号', at: '时间', actor: '操作人', action: '操作', entity: '对象', entityId: '对象编号',
    region: '地区', ip: 'IP地址', detail: '详情', hash: '哈希', verify: '校验哈希链', verifyOk: '哈希链完整：共 {n} 条记录，未发现篡改',
    verifyBroken: '哈希链在第 {seq} 条断开：{reason}（共 {n} 条）',
    actions: {
      login: '登录', login_failed: '登录失败', logout: '退出', person_create: '新增人员', person_update: '修改人员',
      person_unmask: '查看人员完整信息', household_create: '新增家庭户', household_update: '修改家庭户',
      household_unmask: '查看家庭户完整信息', export: '导出', import: '导入', account_create: '新增账号',
      account_update: '修改账号', region_create: '新增网格', audit_verify: '校验哈希链',
    },
  },
  jobs: {
    id: '编号', kind: '任务类型', region: '地区', state: '状态', progress: '进度', started: '开始时间', finished: '结束时间',
    outcome: '结果', requestedBy: '发起人', system: '全区（系统任务）',
    kinds: { import: '数据导入', verification_run: '核对任务', outreach_run: '事找人搜索', charity_checkpoints: '慈善账本校验点发布', charity_verification: '慈善账本校验' },
    states: { queued: '排队中', running: '运行中', succeeded: '已完成', failed: '失败' },
  },
  apidocs: {
    title: '接口文档', filter: '按路径或说明筛选', params: '参数', requestBody: '请求体', responses: '响应',
    in: '位置', type: '类型', requiredCol: '必填', description: '说明', noParams: '无参数', loadFailed: '接口文档加载失败',
    version: '版本', endpoints: '{n} 个接口', schemas: '数据结构',
  },
}

export const adminEn: typeof adminZh = {
  account: {
    title: 'Accounts', username: 'Username', displayName: 'Display name', role: 'Role', region: 'Region', active: 'Active',
    lockedUntil: 'Locked until', password: 'Password', passwordHint: 'At least 8 characters with letters and digits', passwordEditHint: 'Leave empty to keep the password',
    create: 'New account', edit: 'Edit account', enabled: 'Active', disabled: 'Disabled',
    providerId: 'Provider ID', providerHint: 'A provider account is bound to a registered provider (Elderly, disability & children → Providers)',
  },
  audit: {
    title: 'Audit log', seq: 'Seq', at: 'Time', actor: 'Actor', action: 'Action', entity: 'Entity', entityId: 'Entity id',
    region: 'Region', ip: 'IP', detail: 'Detail', hash: 'Hash', verify: 'Verify hash chain', verifyOk: 'Hash chain intact: {n} entries, no tampering found',
    verifyBroken: 'Hash chain broken at entry {seq}: {reason} ({n} entries)',
    actions: {
      login: 'Sign in', login_failed: 'Failed sign-in', logout: 'Sign out', person_create: 'Person created', person_update: 'Person updated',
      person_unmask: 'Person unmasked', household_create: 'Household created', household_update: 'Household updated',
      household_unmask: 'Household unmasked', export: 'Export', import: 'Import', account_create: 'Account created',
      account_update: 'Account updated', region_create: 'Grid created', audit_verify: 'Chain verified',
    },
  },
  jobs: {
    id: 'ID', kind: 'Kind', region: 'Region', state: 'State', progress: 'Progress', started: 'Started', finished: 'Finished',
    outcome: 'Outcome', requestedBy: 'Requested by', system: 'District (system job)',
    kinds: { import: 'Data import', verification_run: 'Verification run', outreach_run: 'Outreach search', charity_checkpoints: 'Charity checkpoints', charity_verification: 'Charity ledger verification' },
    states: { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' },
  },
  apidocs: {
    title: 'API documentation', filter: 'Filter by path or summary', params: 'Parameters', requestBody: 'Request body', responses: 'Responses',
    in: 'In', type: 'Type', requiredCol: 'Required', description: 'Description', noParams: 'No parameters', loadFailed: 'Could not load the API description',
    version: 'Version', endpoints: '{n} endpoints', schemas: 'Schemas',
  },
}
