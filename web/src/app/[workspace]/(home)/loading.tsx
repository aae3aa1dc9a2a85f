import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true">
      <div className="mb-8 flex items-end justify-between">
        <div className="grid gap-2">
          <Skeleton className="h-7 w-40" />
          <Skeleton className="h-4 w-64" />
        </div>
        <Skeleton className="h-9 w-36 rounded-lg" />
      </div>
      <div className="mb-8">
        <Skeleton className="h-5 w-44" />
        <Skeleton className="mt-2 h-3.5 w-72" />
        <div className="mt-3 divide-y rounded-xl border">
          {[0, 1].map((i) => (
            <div key={i} className="flex items-center gap-3 px-4 py-3">
              <Skeleton className="size-7 rounded-md" />
              <div className="flex-1">
                <Skeleton className="h-4 w-1/3" />
                <Skeleton className="mt-1.5 h-3 w-1/2" />
              </div>
            </div>
          ))}
        </div>
      </div>
      <Skeleton className="mb-3 h-3 w-20" />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="rounded-xl border p-5">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="mt-2 h-3.5 w-1/3" />
            <Skeleton className="mt-4 h-3.5 w-full" />
            <Skeleton className="mt-5 h-1.5 w-full rounded-full" />
            <div className="mt-5 flex justify-between">
              <Skeleton className="h-5 w-20 rounded-full" />
              <Skeleton className="h-3.5 w-24" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
