import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" className="max-w-3xl">
      <Skeleton className="h-7 w-32" />
      <Skeleton className="mt-2 h-4 w-80" />
      <div className="mt-6 mb-6 flex gap-1">
        {[12, 16, 20, 16, 16].map((w, i) => (
          <Skeleton key={i} className="h-7 rounded-full" style={{ width: `${w * 4}px` }} />
        ))}
      </div>
      <div className="grid gap-5">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex gap-3">
            <Skeleton className="size-8 shrink-0 rounded-full" />
            <div className="flex-1 pt-1">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="mt-2 h-3 w-40" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
