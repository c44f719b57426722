.class public Lcom/appaudit/demo/obfuscated/Startup;
.super Ljava/lang/Object;
.source "Startup.java"

# After consent: starts the two (obfuscated) SDKs. a.b.c is Umeng+ and a.b.d is JPush after R8
# renamed their packages; only manifest entries, a native library name and host strings remain.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static afterConsent(Landroid/content/Context;)V
    .registers 1
    invoke-static {p0}, La/b/c/a;->a(Landroid/content/Context;)V
    invoke-static {p0}, La/b/d/a;->a(Landroid/content/Context;)V
    return-void
.end method
