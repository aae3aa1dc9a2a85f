import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true">
      <Skeleton className="h-7 w-40" />
      <Skeleton className="mt-2 h-4 w-72" />
      <div className="mt-6 mb-4 flex justify-between">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-9 w-36" />
      </div>
      <div className="flex gap-3 overflow-hidden">
        {[3, 2, 1, 2, 0].map((n, i) => (
          <div key={i} className="w-72 shrink-0 rounded-xl border bg-muted/40 p-2.5">
            <Skeleton className="mb-3 ml-1.5 h-4 w-28" />
            <div className="grid gap-2">
              {Array.from({ length: n }, (_, j) => (
                <div key={j} className="rounded-lg border bg-card p-3">
                  <Skeleton className="h-4 w-5/6" />
                  <Skeleton className="mt-3 h-4 w-16 rounded-full" />
                </div>
              ))}
              {n === 0 ? <Skeleton className="h-20 w-full" /> : null}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
