import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="page">
      <div className="card">
        <h1>无权访问（403）</h1>
        <p>您的账号没有访问此页面的权限。如需访问，请联系本单位管理员或系统管理员。</p>
        <p>
          <Link href="/">返回首页</Link>
        </p>
      </div>
    </main>
  );
}
