import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-busy="true">
      <div>
        <Skeleton className="h-4 w-32" />
        <Skeleton className="mt-3 h-7 w-2/3" />
        <Skeleton className="mt-3 h-5 w-48 rounded-full" />
        <Skeleton className="mt-6 h-32 w-full" />
        <Skeleton className="mt-6 h-20 w-full" />
        <Skeleton className="mt-3 h-20 w-full" />
      </div>
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
