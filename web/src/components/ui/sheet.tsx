"use client";

import { Dialog, DialogClose, DialogTrigger, dialogPart } from "./dialog";

// A sheet is a dialog from the side: the same lazily loaded kit (./dialog).

const Sheet = Dialog;
const SheetTrigger = DialogTrigger;
const SheetClose = DialogClose;
const SheetContent = dialogPart("SheetContent");
const SheetTitle = dialogPart("SheetTitle");
const SheetDescription = dialogPart("SheetDescription");

export { Sheet, SheetTrigger, SheetClose, SheetContent, SheetTitle, SheetDescription };
