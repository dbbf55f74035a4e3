// Texts of the console, Vietnamese first; English when the operator toggles it (kept in localStorage: a
// preference, never a credential).
const texts = {
  vi: {
    'app.title': 'Bảng điều khiển vận hành LGSP',
    'app.loading': 'Đang tải…',
    'nav.adapters': 'Bộ kết nối',
    'nav.deadLetters': 'Sự kiện gửi lỗi',
    'nav.clients': 'Ứng dụng khách',
    'nav.label': 'Điều hướng',
    'lang.other': 'English',
    'auth.signIn': 'Đăng nhập',
    'auth.signOut': 'Đăng xuất',
    'auth.signedOutTitle': 'Đăng nhập để vận hành LGSP',
    'auth.signedOutLead': 'Bảng điều khiển dùng tài khoản đăng nhập một lần (SSO) của nền tảng. Tài khoản cần vai trò lgsp-operator.',
    'auth.expired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
    'auth.stateMismatch': 'Phản hồi đăng nhập không khớp với yêu cầu (state). Vui lòng đăng nhập lại.',
    'auth.idTokenMismatch': 'Mã định danh (id_token) nhận được không phải của yêu cầu đăng nhập này ({claim}). Vui lòng đăng nhập lại.',
    'auth.failed': 'Đăng nhập không thành công: {error}',
    'auth.forbidden': 'Tài khoản {user} không có quyền quản trị LGSP (cần vai trò lgsp-operator). Hãy đăng nhập bằng tài khoản quản trị hoặc liên hệ quản trị viên.',
    'common.refresh': 'Làm mới',
    'common.reload': 'Tải lại',
    'common.cancel': 'Hủy',
    'common.none': '(không có)',
    'common.yes': 'Có',
    'common.no': 'Không',
    'common.back': '← Danh sách bộ kết nối',
    'common.reason': 'Lý do (bắt buộc)',
    'common.reasonHint': 'Ghi rõ căn cứ, ví dụ số công văn; lý do được lưu trong lịch sử.',
    'common.updatedAt': 'Cập nhật lúc {time}',
    'error.network': 'Không kết nối được tới máy chủ LGSP.',
    'error.code': 'Mã lỗi',
    'error.fieldCode': 'Thiết lập {field} · mã lý do {reason}',
    'common.close': 'Đóng',
    'adapters.title': 'Bộ kết nối',
    'adapters.lead': 'Tình trạng các bộ kết nối tới CSDL quốc gia và cổng dịch vụ công; tự làm mới mỗi {seconds} giây.',
    'adapters.source': 'Nguồn',
    'adapters.kind': 'Loại',
    'adapters.enabled': 'Hoạt động',
    'adapters.circuit': 'Tạm ngừng gọi (mạch ngắt)',
    'adapters.circuitHint': 'Tạm ngừng gọi (mạch ngắt): khi một nguồn lỗi liên tục, LGSP tạm ngừng gọi tới nguồn đó trong chốc lát để nguồn kịp phục hồi, rồi tự gọi thử lại.',
    'adapters.name': 'Cơ sở dữ liệu / hệ thống',
    'adapters.errorRate': 'Tỷ lệ lỗi',
    'adapters.p95': 'p95 (ms)',
    'adapters.calls': 'Số lượt gọi',
    'adapters.version': 'Phiên bản',
    'adapters.baseUrl': 'Địa chỉ gốc',
    'adapters.empty': 'Chưa có bộ kết nối nào.',
    'kind.lookup': 'tra cứu',
    'kind.sync': 'đồng bộ',
    'state.enabled': 'đang bật',
    'state.disabled': 'đang tắt',
    'circuit.closed': 'gọi bình thường',
    'circuit.open': 'đang tạm ngừng gọi',
    'circuit.half-open': 'đang gọi thử lại',
    'circuit.unknown': 'chưa rõ',
    'origin.files': 'tệp cấu hình',
    'origin.operator': 'người vận hành',
    'adapter.title': 'Bộ kết nối {source}',
    'adapter.version': 'Phiên bản',
    'adapter.origin': 'Nguồn cấu hình',
    'adapter.changedAt': 'Thay đổi lúc',
    'adapter.changedBy': 'Người thay đổi',
    'adapter.reason': 'Lý do',
    'adapter.health': 'Sức khỏe',
    'adapter.window': 'trong {seconds} giây gần nhất',
    'adapter.lastFailure': 'Lỗi gần nhất',
    'adapter.p50': 'p50 (ms)',
    'adapter.state': 'Trạng thái',
    'adapter.enableTitle': 'Bật / tắt bộ kết nối',
    'adapter.enableLead': 'Khi tắt, bên gọi nhận lỗi 503 "nguồn đang bảo trì" và không có lời gọi nào tới hệ thống nguồn.',
    'adapter.enable': 'Bật bộ kết nối',
    'adapter.disable': 'Tắt bộ kết nối',
    'adapter.enabledDone': 'Đã bật bộ kết nối (phiên bản {version}).',
    'adapter.disabledDone': 'Đã tắt bộ kết nối (phiên bản {version}).',
    'adapter.testTitle': 'Kiểm tra kết nối',
    'adapter.testCandidate': 'Địa chỉ thử (để trống: địa chỉ hiện tại)',
    'adapter.test': 'Kiểm tra',
    'adapter.testReachable': 'Kết nối được tới {target}: HTTP {status}, {latency} ms.',
    'adapter.testUnreachable': 'Không kết nối được tới {target}: {message} ({code}).',
    'adapter.editTitle': 'Sửa cấu hình',
    'adapter.editLead': 'Chỉ những giá trị thay đổi được gửi đi; thay đổi có hiệu lực ngay và tạo phiên bản mới.',
    'adapter.attemptTimeout': 'Thời gian chờ mỗi lần gọi',
    'adapter.totalTimeout': 'Thời gian chờ tổng',
    'adapter.timeHint': 'Dạng hh:mm:ss, ví dụ 00:00:05',
    'adapter.maxRetryAttempts': 'Số lần thử lại',
    'adapter.permitLimit': 'Số lời gọi đồng thời tối đa',
    'adapter.queueLimit': 'Hàng đợi tối đa',
    'adapter.rateLimitOn': 'Giới hạn tần suất gọi',
    'adapter.ratePermitLimit': 'Số lời gọi mỗi cửa sổ',
    'adapter.rateWindow': 'Cửa sổ thời gian',
    'adapter.credentialsSecret': 'Tên biến bí mật chứa thông tin xác thực',
    'adapter.credentialsHint': 'Chỉ là tên biến môi trường; giá trị bí mật không bao giờ hiển thị.',
    'adapter.fixedByDeployment': 'Do cấu hình triển khai quy định (tệp, biến môi trường); không đổi được ở đây.',
    'adapter.otherSettings': 'Các thiết lập khác (JSON)',
    'adapter.otherHint': 'Ví dụ ánh xạ mã (mappings), tạm ngừng gọi khi nguồn lỗi liên tục (circuitBreaker), độ trễ thử lại. Xóa một khóa để bỏ thiết lập đó.',
    'adapter.invalidJson': 'JSON không hợp lệ: {message}',
    'adapter.notObject': 'Phải là một đối tượng JSON ({ … }).',
    'adapter.save': 'Lưu thay đổi',
    'adapter.noChanges': 'Không có thay đổi nào để lưu.',
    'adapter.saved': 'Đã lưu: phiên bản {version}.',
    'adapter.fixErrors': 'Cấu hình chưa được lưu, chưa có gì thay đổi. Hãy sửa các lỗi bên dưới.',
    'adapter.conflict': 'Người khác vừa thay đổi bộ kết nối này (phiên bản hiện tại: {version}). Thay đổi của bạn chưa được lưu.',
    'adapter.conflictReload': 'Tải lại phiên bản mới nhất',
    'history.title': 'Lịch sử thay đổi',
    'history.version': 'Phiên bản {version}',
    'history.current': 'hiện tại',
    'history.by': 'bởi {by}',
    'history.rolledBackTo': 'khôi phục về phiên bản {version}',
    'history.path': 'Thiết lập',
    'history.from': 'Trước',
    'history.to': 'Sau',
    'history.noChanges': 'Không có thay đổi thiết lập.',
    'history.filesNote': 'Cấu hình gốc từ tệp cấu hình của hệ thống.',
    'history.rollback': 'Khôi phục về phiên bản này',
    'history.rollbackConfirm': 'Xác nhận khôi phục về phiên bản {version}',
    'history.rolledBack': 'Đã khôi phục về phiên bản {to}: phiên bản mới {version}.',
    'action.change': 'thay đổi',
    'action.enable': 'bật',
    'action.disable': 'tắt',
    'action.rollback': 'khôi phục',
    'action.files': 'tệp cấu hình',
    'dead.title': 'Sự kiện gửi lỗi (đã hết số lần gửi lại)',
    'dead.lead': 'Sự kiện đồng bộ trạng thái hồ sơ đã hết số lần gửi lại. Gửi lại sau khi đã khắc phục nguyên nhân.',
    'dead.destination': 'Nơi nhận',
    'dead.all': 'Tất cả',
    'dead.position': 'Vị trí',
    'dead.dossier': 'Mã hồ sơ',
    'dead.type': 'Loại sự kiện',
    'dead.deadAt': 'Thời điểm',
    'dead.reason': 'Nguyên nhân',
    'dead.attempts': 'Số lần thử',
    'dead.replay': 'Gửi lại',
    'dead.replayed': 'Đã đưa sự kiện {id} vào hàng gửi lại.',
    'dead.empty': 'Không có sự kiện gửi lỗi nào.',
    'dead.more': 'Trang sau',
    'clients.title': 'Ứng dụng khách và quyền truy cập',
    'clients.lead': 'Ứng dụng khách được cấu hình trong config/identity.json. Mở một ứng dụng để xem và sửa quyền tra cứu của nó (quyền gốc trong config/access-rights.json).',
    'clients.clientId': 'Mã ứng dụng',
    'clients.name': 'Tên',
    'clients.type': 'Loại',
    'clients.grants': 'Luồng cấp quyền',
    'clients.scopes': 'Phạm vi',
    'clients.redirects': 'Địa chỉ chuyển hướng',
    'clients.rights': 'Quyền truy cập',
    'clients.agency': 'Mã cơ quan',
    'clients.purposes': 'mục đích',
    'clients.fields': 'trường',
    'clients.allFields': 'toàn bộ hồ sơ',
    'clients.noRights': 'Không có quyền tra cứu.',
    'client.title': 'Ứng dụng khách {clientId}',
    'client.back': '← Danh sách ứng dụng khách',
    'client.rightsTitle': 'Quyền truy cập đang có hiệu lực',
    'client.granted': 'Được cấp',
    'client.grantedYes': 'được cấp',
    'client.grantedNo': 'không',
    'client.purposes': 'Mục đích (mã thủ tục)',
    'client.dossierAgencies': 'Được đọc hồ sơ của cơ quan',
    'client.dossierAgenciesHint': 'Mã cơ quan (QCVN 102) cách nhau bởi dấu phẩy, mỗi mã gồm cả các đơn vị trực thuộc (H56 là toàn tỉnh); để trống là không được đọc hồ sơ nào.',
    'client.noDossiers': 'không có',
    'client.fields': 'Trường dữ liệu',
    'client.anyPurpose': 'mọi thủ tục (*)',
    'client.agencyHint': 'Mã định danh cơ quan, ví dụ 000.00.01.H56.',
    'client.purposesHint': 'Mục đích: mã thủ tục hành chính quốc gia, cách nhau bởi dấu phẩy (ví dụ 1.001193, 2.000488); * là mọi thủ tục.',
    'client.fieldsHint': 'Trường dữ liệu: tên trường cách nhau bởi dấu phẩy; để trống là toàn bộ hồ sơ. Bỏ chọn "Được cấp" để thu hồi quyền tra cứu nguồn đó.',
    'client.editTitle': 'Sửa quyền truy cập',
    'client.editLead': 'Chỉ những gì thay đổi được gửi đi; thay đổi có hiệu lực ngay với các lời gọi tiếp theo và tạo phiên bản mới.',
    'client.save': 'Lưu quyền truy cập',
    'client.saved': 'Đã lưu quyền truy cập: phiên bản {version}.',
    'client.conflict': 'Người khác vừa thay đổi quyền truy cập của ứng dụng này (phiên bản hiện tại: {version}). Thay đổi của bạn chưa được lưu.',
  },
  en: {
    'app.title': 'LGSP operations console',
    'app.loading': 'Loading…',
    'nav.adapters': 'Adapters',
    'nav.deadLetters': 'Failed deliveries',
    'nav.clients': 'Clients',
    'nav.label': 'Navigation',
    'lang.other': 'Tiếng Việt',
    'auth.signIn': 'Sign in',
    'auth.signOut': 'Sign out',
    'auth.signedOutTitle': 'Sign in to operate LGSP',
    'auth.signedOutLead': 'The console uses the hub\'s single sign-on. The account needs the lgsp-operator role.',
    'auth.expired': 'Your session has expired. Please sign in again.',
    'auth.stateMismatch': 'The sign-in answer does not match the request (state). Please sign in again.',
    'auth.idTokenMismatch': 'The ID token received was not issued for this sign-in ({claim}). Please sign in again.',
    'auth.failed': 'Sign-in failed: {error}',
    'auth.forbidden': 'The account {user} may not administer LGSP (the lgsp-operator role is needed). Sign in with an operator account or ask an administrator.',
    'common.refresh': 'Refresh',
    'common.reload': 'Reload',
    'common.cancel': 'Cancel',
    'common.none': '(none)',
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.back': '← All adapters',
    'common.reason': 'Reason (required)',
    'common.reasonHint': 'Say why, e.g. the official letter\'s number; the reason is kept in the history.',
    'common.updatedAt': 'Updated at {time}',
    'error.network': 'The LGSP hub cannot be reached.',
    'error.code': 'Error code',
    'error.fieldCode': 'Setting {field} · reason code {reason}',
    'common.close': 'Close',
    'adapters.title': 'Adapters',
    'adapters.lead': 'The state of the adapters to the national databases and portals; refreshed every {seconds} seconds.',
    'adapters.source': 'Source',
    'adapters.kind': 'Kind',
    'adapters.enabled': 'Enabled',
    'adapters.circuit': 'Calls paused (circuit breaker)',
    'adapters.circuitHint': 'Calls paused (circuit breaker): when a source keeps failing, LGSP stops calling it for a short while so it can recover, then tries again by itself.',
    'adapters.name': 'Database / system',
    'adapters.errorRate': 'Error rate',
    'adapters.p95': 'p95 (ms)',
    'adapters.calls': 'Calls',
    'adapters.version': 'Version',
    'adapters.baseUrl': 'Base URL',
    'adapters.empty': 'No adapters.',
    'kind.lookup': 'lookup',
    'kind.sync': 'sync',
    'state.enabled': 'enabled',
    'state.disabled': 'disabled',
    'circuit.closed': 'calling normally',
    'circuit.open': 'calls paused',
    'circuit.half-open': 'trying again',
    'circuit.unknown': 'unknown',
    'origin.files': 'configuration files',
    'origin.operator': 'operator',
    'adapter.title': 'Adapter {source}',
    'adapter.version': 'Version',
    'adapter.origin': 'Settings from',
    'adapter.changedAt': 'Changed at',
    'adapter.changedBy': 'Changed by',
    'adapter.reason': 'Reason',
    'adapter.health': 'Health',
    'adapter.window': 'over the last {seconds} seconds',
    'adapter.lastFailure': 'Last failure',
    'adapter.p50': 'p50 (ms)',
    'adapter.state': 'State',
    'adapter.enableTitle': 'Enable / disable',
    'adapter.enableLead': 'While disabled, callers get 503 "source under maintenance" and nothing is sent to the source.',
    'adapter.enable': 'Enable adapter',
    'adapter.disable': 'Disable adapter',
    'adapter.enabledDone': 'Adapter enabled (version {version}).',
    'adapter.disabledDone': 'Adapter disabled (version {version}).',
    'adapter.testTitle': 'Test connectivity',
    'adapter.testCandidate': 'Candidate URL (empty: the current one)',
    'adapter.test': 'Test',
    'adapter.testReachable': '{target} is reachable: HTTP {status}, {latency} ms.',
    'adapter.testUnreachable': '{target} is not reachable: {message} ({code}).',
    'adapter.editTitle': 'Edit settings',
    'adapter.editLead': 'Only changed values are sent; a change takes effect at once as a new version.',
    'adapter.attemptTimeout': 'Attempt timeout',
    'adapter.totalTimeout': 'Total timeout',
    'adapter.timeHint': 'hh:mm:ss, e.g. 00:00:05',
    'adapter.maxRetryAttempts': 'Retries',
    'adapter.permitLimit': 'Concurrent calls (permits)',
    'adapter.queueLimit': 'Queue limit',
    'adapter.rateLimitOn': 'Rate limit',
    'adapter.ratePermitLimit': 'Calls per window',
    'adapter.rateWindow': 'Window',
    'adapter.credentialsSecret': 'Credentials secret name',
    'adapter.credentialsHint': 'Only the environment variable\'s name; secret values are never shown.',
    'adapter.fixedByDeployment': 'Fixed by the deployment (files, environment); cannot be changed here.',
    'adapter.otherSettings': 'Other settings (JSON)',
    'adapter.otherHint': 'E.g. code mappings, pausing calls to a failing source (circuitBreaker), retry delays. Remove a key to drop that setting.',
    'adapter.invalidJson': 'Invalid JSON: {message}',
    'adapter.notObject': 'Must be a JSON object ({ … }).',
    'adapter.save': 'Save changes',
    'adapter.noChanges': 'Nothing changed.',
    'adapter.saved': 'Saved: version {version}.',
    'adapter.fixErrors': 'Not saved; nothing was changed. Fix the errors below.',
    'adapter.conflict': 'Someone else changed this adapter (now version {version}). Your change was not saved.',
    'adapter.conflictReload': 'Reload the latest version',
    'history.title': 'History',
    'history.version': 'Version {version}',
    'history.current': 'current',
    'history.by': 'by {by}',
    'history.rolledBackTo': 'rolled back to version {version}',
    'history.path': 'Setting',
    'history.from': 'Before',
    'history.to': 'After',
    'history.noChanges': 'No setting changed.',
    'history.filesNote': 'The settings of the configuration files.',
    'history.rollback': 'Roll back to this version',
    'history.rollbackConfirm': 'Roll back to version {version}',
    'history.rolledBack': 'Rolled back to version {to}: new version {version}.',
    'action.change': 'change',
    'action.enable': 'enable',
    'action.disable': 'disable',
    'action.rollback': 'rollback',
    'action.files': 'files',
    'dead.title': 'Failed deliveries (out of delivery attempts)',
    'dead.lead': 'Dossier status events that ran out of delivery attempts. Replay them once the cause is fixed.',
    'dead.destination': 'Destination',
    'dead.all': 'All',
    'dead.position': 'Position',
    'dead.dossier': 'Dossier code',
    'dead.type': 'Event type',
    'dead.deadAt': 'At',
    'dead.reason': 'Reason',
    'dead.attempts': 'Attempts',
    'dead.replay': 'Replay',
    'dead.replayed': 'Event {id} queued for replay.',
    'dead.empty': 'No failed deliveries.',
    'dead.more': 'Next page',
    'clients.title': 'Clients and access rights',
    'clients.lead': 'Clients are configured in config/identity.json. Open one to see and change its lookup rights (the original rights are in config/access-rights.json).',
    'clients.clientId': 'Client id',
    'clients.name': 'Name',
    'clients.type': 'Type',
    'clients.grants': 'Grant types',
    'clients.scopes': 'Scopes',
    'clients.redirects': 'Redirect URIs',
    'clients.rights': 'Access rights',
    'clients.agency': 'Agency code',
    'clients.purposes': 'purposes',
    'clients.fields': 'fields',
    'clients.allFields': 'whole record',
    'clients.noRights': 'No lookup rights.',
    'client.title': 'Client {clientId}',
    'client.back': '← All clients',
    'client.rightsTitle': 'Access rights in force',
    'client.granted': 'Granted',
    'client.grantedYes': 'granted',
    'client.grantedNo': 'no',
    'client.purposes': 'Purposes (procedure codes)',
    'client.dossierAgencies': 'Reads the dossiers of',
    'client.dossierAgenciesHint': 'Agency codes (QCVN 102) separated by commas, each including the units under it (H56 is the whole province); empty reads no dossier.',
    'client.noDossiers': 'none',
    'client.fields': 'Fields',
    'client.anyPurpose': 'any procedure (*)',
    'client.agencyHint': 'The agency\'s identification code, e.g. 000.00.01.H56.',
    'client.purposesHint': 'Purposes: national administrative procedure codes separated by commas (e.g. 1.001193, 2.000488); * is any procedure.',
    'client.fieldsHint': 'Fields: field names separated by commas; empty is the whole record. Untick "Granted" to withdraw the right to that source.',
    'client.editTitle': 'Edit access rights',
    'client.editLead': 'Only what changed is sent; a change applies to the next calls at once, as a new version.',
    'client.save': 'Save access rights',
    'client.saved': 'Access rights saved: version {version}.',
    'client.conflict': 'Someone else changed this client\'s access rights (now version {version}). Your change was not saved.',
  },
};

const storageKey = 'lgsp.console.lang';
let current = readLanguage();

function readLanguage() {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'vi';
  try {
    localStorage.setItem(storageKey, current);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = current;
}

/** The text for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = texts[current][key] ?? texts.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills the static parts of index.html marked with data-i18n. */
export function translateStatic(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  document.title = t('app.title');
  document.getElementById('nav')?.setAttribute('aria-label', t('nav.label'));
  const toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.textContent = t('lang.other');
    toggle.lang = current === 'vi' ? 'en' : 'vi';
  }
}

/** A name the API gives in both languages ({ vi, en }), in the console's language; fallback when absent. */
export function localized(label, fallback = '') {
  if (!label) {
    return fallback;
  }
  return (current === 'en' ? label.en ?? label.vi : label.vi ?? label.en) || fallback;
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(value);
}

export function formatTime(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  // Operators work in Vietnam's time whatever the browser's zone.
  // Four-digit years: "07/12/2026 22:15:32" (dd/mm/yyyy in both languages).
  return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}
