import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-2xl" aria-busy="true">
      <Skeleton className="h-7 w-52" />
      <Skeleton className="mt-2 h-4 w-80" />
      <Skeleton className="mt-8 h-24 w-full" />
      <Skeleton className="mt-6 h-9 w-full" />
      <Skeleton className="mt-6 h-40 w-full" />
    </div>
  );
}
