import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true">
      <Skeleton className="mb-6 h-4 w-28" />
      <div className="mb-8 grid gap-2">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-4 w-40" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="rounded-xl border p-6">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="mt-5 h-3.5 w-full" />
          <Skeleton className="mt-2 h-3.5 w-5/6" />
          <Skeleton className="mt-2 h-3.5 w-2/3" />
        </div>
        <div className="rounded-xl border p-6">
          <Skeleton className="h-4 w-36" />
          <Skeleton className="mt-5 h-9 w-full" />
          <Skeleton className="mt-3 h-9 w-full" />
        </div>
      </div>
    </div>
  );
}
