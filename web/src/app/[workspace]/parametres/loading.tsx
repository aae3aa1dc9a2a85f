import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="max-w-3xl" aria-busy="true">
      <div className="mb-8 grid gap-2">
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-4 w-72" />
      </div>
      {[0, 1].map((i) => (
        <div key={i} className="mb-6 rounded-xl border p-6">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="mt-2 h-3.5 w-64" />
          <Skeleton className="mt-6 h-9 w-full" />
          <Skeleton className="mt-4 h-9 w-2/3" />
        </div>
      ))}
    </div>
  );
}
