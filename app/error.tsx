"use client";

// Last line of defence: an unexpected server error still gives a Chinese page, never a blank one.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <div className="card">
        <h1>出错了</h1>
        <p>系统处理您的请求时出现问题，您的已保存数据不受影响。请稍后重试；如问题持续，请联系系统管理员。</p>
        <button type="button" onClick={() => reset()}>
          重试
        </button>
      </div>
    </main>
  );
}
