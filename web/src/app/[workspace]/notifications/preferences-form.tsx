"use client";

import { useMemo, useState } from "react";
import { AlertCircleIcon, BellOffIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import type { NotificationFamily, NotificationMode, NotificationPreferences } from "@/lib/api/types";

const families: NotificationFamily[] = ["requests", "messages", "payments", "approvals", "files", "tasks"];
const modes: NotificationMode[] = ["immediate", "digest", "never"];
const hours = Array.from({ length: 24 }, (_, h) => h);

function zones(current: string): string[] {
  let all: string[];
  try {
    all = Intl.supportedValuesOf("timeZone");
  } catch {
    all = ["Europe/Paris"];
  }
  return all.includes(current) ? all : [current, ...all];
}

export function PreferencesForm({ workspace, initial, projects }: { workspace: string; initial: NotificationPreferences; projects: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const n = t.notify;
  const [mode, setMode] = useState<Record<string, NotificationMode>>(() =>
    Object.fromEntries((initial.families ?? []).map((f) => [f.family, f.mode])),
  );
  const [hour, setHour] = useState(initial.digestHour);
  const [zone, setZone] = useState(initial.timeZone);
  const [muted, setMuted] = useState<string[]>(initial.mutedProjects ?? []);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zoneList = useMemo(() => zones(initial.timeZone), [initial.timeZone]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const { data, error: problem, response } = await api.PUT("/api/v1/w/{workspace}/notification-preferences", {
        params: { path: { workspace } },
        body: { families: families.map((family) => ({ family, mode: mode[family] ?? "immediate" })), digestHour: hour, timeZone: zone },
      });
      if (data) toast.success(n.saved);
      else setError(problemMessage(t, problem, response));
    } catch {
      setError(t.common.networkError);
    }
    setPending(false);
  }

  async function toggleMute(project: string, on: boolean) {
    const before = muted;
    setMuted(on ? [...muted, project] : muted.filter((p) => p !== project));
    try {
      const { data, error: problem, response } = await api.PUT("/api/v1/w/{workspace}/projects/{project}/notification-mute", {
        params: { path: { workspace, project } },
        body: { muted: on },
      });
      if (data) {
        setMuted(data.mutedProjects ?? []);
        toast.success(on ? n.muted : n.unmuted);
      } else {
        setMuted(before);
        toast.error(problemMessage(t, problem, response));
      }
    } catch {
      setMuted(before);
      toast.error(t.common.networkError);
    }
  }

  return (
    <div className="grid gap-6">
      <Card>
        <form onSubmit={save} noValidate>
          <CardHeader>
            <CardTitle>{n.familiesTitle}</CardTitle>
            <CardDescription>{n.familiesHint}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            {error ? (
              <Alert variant="destructive">
                <AlertCircleIcon />
                <AlertDescription>{error}</AlertDescription>
              </Alert>
            ) : null}
            <ul className="divide-y rounded-lg border">
              {families.map((family) => (
                <li key={family} className="grid gap-3 p-4 sm:grid-cols-[1fr_13rem] sm:items-center">
                  <div className="grid gap-0.5">
                    <Label htmlFor={`family-${family}`} className="text-sm font-medium">
                      {n.families[family].label}
                    </Label>
                    <p className="text-sm text-muted-foreground">{n.families[family].hint}</p>
                  </div>
                  <NativeSelect
                    id={`family-${family}`}
                    name={`family-${family}`}
                    value={mode[family] ?? "immediate"}
                    onChange={(e) => setMode({ ...mode, [family]: e.target.value as NotificationMode })}
                  >
                    {modes.map((m) => (
                      <option key={m} value={m}>
                        {n.modes[m]}
                      </option>
                    ))}
                  </NativeSelect>
                </li>
              ))}
            </ul>
            <div className="grid gap-4">
              <div className="grid gap-0.5">
                <h3 className="text-sm font-semibold">{n.digestTitle}</h3>
                <p className="text-sm text-muted-foreground">{n.digestHint}</p>
              </div>
              <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
                <div className="grid gap-2">
                  <Label htmlFor="digest-hour">{n.digestHour}</Label>
                  <NativeSelect id="digest-hour" value={hour} onChange={(e) => setHour(Number(e.target.value))}>
                    {hours.map((h) => (
                      <option key={h} value={h}>
                        {fmt(n.hour, { h: String(h) })}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="grid gap-2">
                  <Label htmlFor="time-zone">{n.timeZone}</Label>
                  <NativeSelect id="time-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
                    {zoneList.map((z) => (
                      <option key={z} value={z}>
                        {z.replaceAll("_", " ")}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
              </div>
            </div>
          </CardContent>
          <CardFooter className="justify-end border-t pt-6">
            <Button type="submit" disabled={pending}>
              {n.save}
            </Button>
          </CardFooter>
        </form>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{n.projectsTitle}</CardTitle>
          <CardDescription>{n.projectsHint}</CardDescription>
        </CardHeader>
        <CardContent>
          {projects.length === 0 ? (
            <p className="text-sm text-muted-foreground">{n.noProjects}</p>
          ) : (
            <ul className="divide-y rounded-lg border">
              {projects.map((p) => {
                const on = muted.includes(p.id);
                return (
                  <li key={p.id} className="flex items-center gap-3 p-4">
                    <Checkbox id={`mute-${p.id}`} checked={on} onCheckedChange={(v) => void toggleMute(p.id, v === true)} aria-label={fmt(n.mute, { name: p.name })} />
                    <Label htmlFor={`mute-${p.id}`} className="min-w-0 flex-1 truncate font-normal">
                      {p.name}
                    </Label>
                    {on ? <BellOffIcon aria-hidden className="size-4 text-muted-foreground" /> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
