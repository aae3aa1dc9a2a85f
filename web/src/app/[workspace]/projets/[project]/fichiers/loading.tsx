import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true">
      <Skeleton className="h-7 w-32" />
      <Skeleton className="mt-2 mb-8 h-4 w-80 max-w-full" />
      <div className="grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
        <div className="flex gap-1 md:grid">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-28 rounded-lg md:w-full" />
          ))}
        </div>
        <div>
          <Skeleton className="h-36 rounded-xl" />
          <div className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-4">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="aspect-[4/3] rounded-xl" />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
