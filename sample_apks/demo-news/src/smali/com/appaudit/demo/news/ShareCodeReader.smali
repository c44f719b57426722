.class public Lcom/appaudit/demo/news/ShareCodeReader;
.super Ljava/lang/Object;
.source "ShareCodeReader.java"

# The app's own code: looks for a shared-article code ("口令") on the clipboard.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static read(Landroid/content/Context;)Ljava/lang/String;
    .registers 4
    :try_start_0
    const-string v0, "clipboard"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/content/ClipboardManager;
    invoke-virtual {v0}, Landroid/content/ClipboardManager;->getPrimaryClip()Landroid/content/ClipData;
    move-result-object v0
    if-eqz v0, :none
    invoke-virtual {v0}, Landroid/content/ClipData;->getItemCount()I
    move-result v1
    if-lez v1, :none
    const/4 v1, 0x0
    invoke-virtual {v0, v1}, Landroid/content/ClipData;->getItemAt(I)Landroid/content/ClipData$Item;
    move-result-object v0
    invoke-virtual {v0}, Landroid/content/ClipData$Item;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    if-eqz v0, :none
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "ShareCodeReader"
    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    :try_end_0
    .catch Ljava/lang/Throwable; {:try_start_0 .. :try_end_0} :catch_0
    return-object v0
    :none
    const-string v0, ""
    return-object v0
    :catch_0
    move-exception v0
    const-string v0, ""
    return-object v0
.end method
