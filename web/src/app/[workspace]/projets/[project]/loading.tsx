import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true">
      <Skeleton className="mb-6 h-4 w-28" />
      <div className="mb-6 grid gap-2">
        <div className="flex items-center gap-3">
          <Skeleton className="h-7 w-64" />
          <Skeleton className="h-5 w-20 rounded-full" />
        </div>
        <Skeleton className="h-4 w-40" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid content-start gap-6">
          <div className="grid gap-4 sm:grid-cols-3">
            {[0, 1, 2].map((i) => (
              <div key={i} className="rounded-xl border p-4">
                <Skeleton className="h-3 w-24" />
                <Skeleton className="mt-3 h-4 w-full" />
                <Skeleton className="mt-2 h-3.5 w-2/3" />
              </div>
            ))}
          </div>
          <div className="grid gap-5 rounded-xl border p-6 sm:grid-cols-2">
            <div>
              <Skeleton className="h-4 w-24" />
              <Skeleton className="mt-4 h-2 w-full rounded-full" />
              <Skeleton className="mt-3 h-3.5 w-40" />
            </div>
            <div>
              <Skeleton className="h-4 w-32" />
              <Skeleton className="mt-3 h-6 w-40" />
            </div>
          </div>
          <div className="rounded-xl border p-6">
            <Skeleton className="h-4 w-20" />
            <div className="mt-5 grid grid-cols-4 gap-3">
              {[0, 1, 2, 3].map((i) => (
                <div key={i}>
                  <Skeleton className="size-6 rounded-full" />
                  <Skeleton className="mt-3 h-3.5 w-16" />
                  <Skeleton className="mt-1.5 h-3 w-20" />
                </div>
              ))}
            </div>
          </div>
          <div className="rounded-xl border p-6">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="mt-5 h-16 w-full" />
          </div>
        </div>
        <div className="grid content-start gap-6">
          <div className="rounded-xl border p-6">
            <Skeleton className="h-4 w-28" />
            <Skeleton className="mt-5 h-9 w-full" />
            <Skeleton className="mt-2 h-9 w-full" />
          </div>
          <div className="rounded-xl border p-6">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="mt-5 h-20 w-full" />
          </div>
        </div>
      </div>
    </div>
  );
}
